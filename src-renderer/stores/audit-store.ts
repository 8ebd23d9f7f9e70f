/** Management > Audit log: the filter and the pages read so far. Per user: see session-scope.ts. */
import { type AuditEntry, type AuditQuery } from '../../src-shared/api/audit.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

export type AuditFilter = Omit<AuditQuery, 'cursor'>;

interface AuditState {
  filter: AuditFilter;
  entries: AuditEntry[] | null;
  nextCursor: string | null;
  /** Reads the first page for `filter`. */
  load(filter: AuditFilter): Promise<void>;
  /** Appends the next page. */
  more(): Promise<void>;
  exportCsv(): Promise<string | null>;
}

export const useAuditStore = createUserStore<AuditState>((set, get) => ({
  filter: {},
  entries: null,
  nextCursor: null,
  async load(filter) {
    const scope = sessionScope();
    set({ filter });
    const page = await host().listAuditLog(filter);
    if (scope.current() && get().filter === filter) set({ entries: page.entries, nextCursor: page.next_cursor });
  },
  async more() {
    const { filter, nextCursor } = get();
    if (!nextCursor) return;
    const scope = sessionScope();
    const page = await host().listAuditLog({ ...filter, cursor: nextCursor });
    if (scope.current() && get().filter === filter)
      set({ entries: [...(get().entries ?? []), ...page.entries], nextCursor: page.next_cursor });
  },
  async exportCsv() {
    return (await host().exportAuditLog(get().filter)).saved_to;
  },
}));
