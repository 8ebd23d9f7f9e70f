/** Management > Users: the search, the rows read so far and the open user. Per user: see session-scope.ts. */
import {
  type AdminUser,
  type AdminUserCreate,
  type AdminUserPatch,
  type AdminUserSort,
} from '../../src-shared/api/admin.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

interface UsersState {
  q: string;
  sort: AdminUserSort;
  users: AdminUser[] | null;
  nextCursor: string | null;
  openId: number | null;
  search(q: string, sort: AdminUserSort): Promise<void>;
  more(): Promise<void>;
  open(id: number | null): void;
  create(user: AdminUserCreate): Promise<AdminUser>;
  update(id: number, patch: AdminUserPatch): Promise<AdminUser>;
  resetTwoFactor(id: number): Promise<AdminUser>;
  endSessions(id: number): Promise<number>;
}

export const useAdminUsersStore = createUserStore<UsersState>((set, get) => {
  const replace = (user: AdminUser) => set({ users: (get().users ?? []).map((u) => (u.id === user.id ? user : u)) });
  return {
    q: '',
    sort: 'username',
    users: null,
    nextCursor: null,
    openId: null,
    async search(q, sort) {
      const scope = sessionScope();
      set({ q, sort });
      const page = await host().listAdminUsers({ q: q || undefined, sort });
      if (scope.current() && get().q === q && get().sort === sort)
        set({ users: page.users, nextCursor: page.next_cursor });
    },
    async more() {
      const { q, sort, nextCursor } = get();
      if (!nextCursor) return;
      const scope = sessionScope();
      const page = await host().listAdminUsers({ q: q || undefined, sort, cursor: nextCursor });
      if (scope.current() && get().q === q && get().sort === sort)
        set({ users: [...(get().users ?? []), ...page.users], nextCursor: page.next_cursor });
    },
    open: (openId) => set({ openId }),
    async create(user) {
      const created = await host().createAdminUser(user);
      set({ users: [created, ...(get().users ?? [])], openId: created.id });
      return created;
    },
    async update(id, patch) {
      const user = await host().updateAdminUser({ id, patch });
      replace(user);
      return user;
    },
    async resetTwoFactor(id) {
      const user = await host().resetUserTwoFactor(id);
      replace(user);
      return user;
    },
    async endSessions(id) {
      return (await host().endUserSessions(id)).ended;
    },
  };
});
