/** My Account → Security activity: the pages read so far, newest first. Per user: see session-scope.ts. */
import { type ActivityItem } from '../../src-shared/api/activity.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

interface ActivityState {
  items: ActivityItem[] | null;
  /** Where the next (older) page starts; null when the last page has been read. */
  nextCursor: string | null;
  /** Reads the newest page again (drops older pages already shown). */
  load(): Promise<void>;
  loadMore(): Promise<void>;
}

export const useActivityStore = createUserStore<ActivityState>((set, get) => ({
  items: null,
  nextCursor: null,
  async load() {
    const scope = sessionScope();
    const page = await host().listActivity({});
    if (scope.current()) set({ items: page.items, nextCursor: page.next_cursor });
  },
  async loadMore() {
    const cursor = get().nextCursor;
    if (!cursor) return;
    const scope = sessionScope();
    const page = await host().listActivity({ cursor });
    if (!scope.current()) return;
    const seen = new Set((get().items ?? []).map((i) => i.id));
    set({
      items: [...(get().items ?? []), ...page.items.filter((i) => !seen.has(i.id))],
      nextCursor: page.next_cursor,
    });
  },
}));
