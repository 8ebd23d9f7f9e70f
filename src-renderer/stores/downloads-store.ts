/**
 * The downloads My Account offers. Until the appliance answers `GET /api/downloads` (an older
 * appliance, or the route missing) the list is empty and `apiAvailable` false: the section then
 * shows every item as unavailable rather than broken. `save` downloads one item through the host
 * (the desktop console saves it itself and says where, and main reports how far it is while it
 * streams: the `download.progress` event; the browser shows its own download).
 * Per user (see session-scope.ts): the list, the saves' progress and where the person saved files.
 */
import { type DownloadItem } from '../../src-shared/api/downloads.js';
import { ApiError, isApiError } from '../../src-shared/api-error.js';
import { type TransferProgress } from '../../src-shared/transfer-progress.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

export type SaveState = { busy: true } | { busy: false; saved_to: string | null } | { busy: false; error: ApiError };

interface DownloadsState {
  items: DownloadItem[];
  apiAvailable: boolean;
  loaded: boolean;
  /** Per download id: the last save's progress or outcome. */
  saves: Record<string, SaveState>;
  /** Per download id being saved: how far main has got (desktop console). */
  progress: Record<string, TransferProgress>;
  load(): Promise<void>;
  save(id: string): Promise<void>;
  /** Main's progress report for a save in flight (others are stale and ignored). */
  progressed(id: string, progress: TransferProgress): void;
}

export const useDownloadsStore = createUserStore<DownloadsState>((set, get) => ({
  items: [],
  apiAvailable: false,
  loaded: false,
  saves: {},
  progress: {},
  async load() {
    const scope = sessionScope();
    try {
      const items = await host().listDownloads();
      if (scope.current()) set({ items, apiAvailable: true, loaded: true });
    } catch {
      if (scope.current()) set({ items: [], apiAvailable: false, loaded: true });
    }
  },
  async save(id) {
    if (get().saves[id]?.busy) return;
    const scope = sessionScope();
    const record = (state: SaveState) => {
      if (!scope.current()) return;
      const { [id]: _done, ...progress } = get().progress;
      set({ saves: { ...get().saves, [id]: state }, progress });
    };
    record({ busy: true });
    try {
      const { saved_to } = await host().saveDownload(id);
      record({ busy: false, saved_to });
    } catch (err) {
      record({ busy: false, error: isApiError(err) ? err : new ApiError(0, 'network_error', String(err)) });
    }
  },
  progressed(id, progress) {
    if (get().saves[id]?.busy) set({ progress: { ...get().progress, [id]: progress } });
  },
}));
