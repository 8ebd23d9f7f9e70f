/** Where the technician is logged in, and ending the other sessions. */
import { create } from 'zustand';
import { type SessionInfo } from '../../src-shared/api/account.js';
import { host } from '../host/host.js';

interface SessionsState {
  sessions: SessionInfo[] | null;
  load(): Promise<void>;
  end(id: string): Promise<void>;
}

export const useSessionsStore = create<SessionsState>()((set, get) => ({
  sessions: null,
  async load() {
    set({ sessions: await host().listSessions() });
  },
  async end(id) {
    await host().endSession(id);
    set({ sessions: (get().sessions ?? []).filter((s) => s.id !== id) });
  },
}));
