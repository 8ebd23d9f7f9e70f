/**
 * Management > Users, the open user: their sessions, their console installs' update tokens and
 * their security activity (pages read so far). Per user: see session-scope.ts.
 */
import { type SessionInfo } from '../../src-shared/api/account.js';
import { type ActivityItem } from '../../src-shared/api/activity.js';
import { type UpdateTokenInfo } from '../../src-shared/api/updates.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

interface UserDetailState {
  /** Whose lists these are; a read for another user's lists is dropped when it arrives. */
  userId: number | null;
  sessions: SessionInfo[] | null;
  tokens: UpdateTokenInfo[] | null;
  activity: ActivityItem[] | null;
  activityCursor: string | null;
  /** Reads the three lists of `userId` afresh. */
  load(userId: number): Promise<void>;
  endSession(sessionId: string): Promise<void>;
  revokeToken(tokenId: string): Promise<void>;
  moreActivity(): Promise<void>;
  /** After an action on the user (unlock, 2FA reset, end all sessions, disable): the three lists again. */
  refresh(): Promise<void>;
}

export const useUserDetailStore = createUserStore<UserDetailState>((set, get) => {
  const stillFor = (userId: number, scope: { current(): boolean }) => scope.current() && get().userId === userId;
  const readAccess = async (userId: number) => {
    const scope = sessionScope();
    const [sessions, tokens] = await Promise.all([
      host().listUserSessions(userId),
      host().listUserUpdateTokens(userId),
    ]);
    if (stillFor(userId, scope)) set({ sessions, tokens });
  };
  return {
    userId: null,
    sessions: null,
    tokens: null,
    activity: null,
    activityCursor: null,
    async load(userId) {
      const scope = sessionScope();
      set({ userId, sessions: null, tokens: null, activity: null, activityCursor: null });
      const [page] = await Promise.all([host().listUserActivity({ id: userId }), readAccess(userId)]);
      if (stillFor(userId, scope)) set({ activity: page.items, activityCursor: page.next_cursor });
    },
    async endSession(sessionId) {
      const userId = get().userId!;
      const scope = sessionScope();
      await host().endUserSession({ id: userId, session_id: sessionId });
      if (stillFor(userId, scope)) set({ sessions: (get().sessions ?? []).filter((s) => s.id !== sessionId) });
    },
    async revokeToken(tokenId) {
      const userId = get().userId!;
      await host().revokeUpdateToken(tokenId);
      await readAccess(userId);
    },
    async moreActivity() {
      const { userId, activityCursor: cursor } = get();
      if (userId === null || !cursor) return;
      const scope = sessionScope();
      const page = await host().listUserActivity({ id: userId, cursor });
      if (!stillFor(userId, scope)) return;
      const seen = new Set((get().activity ?? []).map((i) => i.id));
      set({
        activity: [...(get().activity ?? []), ...page.items.filter((i) => !seen.has(i.id))],
        activityCursor: page.next_cursor,
      });
    },
    async refresh() {
      const userId = get().userId;
      if (userId === null) return;
      const scope = sessionScope();
      const [page] = await Promise.all([host().listUserActivity({ id: userId }), readAccess(userId)]);
      if (stillFor(userId, scope)) set({ activity: page.items, activityCursor: page.next_cursor });
    },
  };
});
