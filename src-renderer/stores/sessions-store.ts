/** Where the technician is logged in, and ending the other sessions. Per user: see session-scope.ts. */
import { type SessionInfo } from '../../src-shared/api/account.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

interface SessionsState {
  sessions: SessionInfo[] | null;
  load(): Promise<void>;
  end(id: string): Promise<void>;
}

export const useSessionsStore = createUserStore<SessionsState>((set, get) => ({
  sessions: null,
  async load() {
    const scope = sessionScope();
    const sessions = await host().listSessions();
    if (scope.current()) set({ sessions });
  },
  async end(id) {
    const scope = sessionScope();
    await host().endSession(id);
    if (scope.current()) set({ sessions: (get().sessions ?? []).filter((s) => s.id !== id) });
  },
}));
