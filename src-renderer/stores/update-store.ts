/**
 * The desktop console's software update as the window shows it: the status main publishes (the
 * `update.status` event, and the current one asked for when the window loads) and the technician's
 * answers (Restart now, Later, Try again, the download page) through `host().updates`. Not per
 * user: the console is updated whoever is signed in. The browser host has no updates: the status
 * stays idle.
 */
import { create } from 'zustand';
import { IDLE_UPDATE_STATUS, type UpdateStatus } from '../../src-shared/software-update.js';
import { ApiError, isApiError } from '../../src-shared/api-error.js';
import { host } from '../host/host.js';

export type UpdateAction = 'restartNow' | 'later' | 'retryNow' | 'openDownloadPage';

interface UpdateState {
  status: UpdateStatus;
  /** The failure the technician closed; a later status shows again. */
  dismissed: UpdateStatus | null;
  /** The button whose answer is awaited. */
  busy: UpdateAction | null;
  /** Main refused an answer (e.g. the update was no longer waiting). */
  error: ApiError | null;
  load(): Promise<void>;
  apply(status: UpdateStatus): void;
  act(action: UpdateAction): Promise<void>;
  dismiss(): void;
}

export const useUpdateStore = create<UpdateState>()((set, get) => ({
  status: IDLE_UPDATE_STATUS,
  dismissed: null,
  busy: null,
  error: null,
  async load() {
    const updates = host().updates;
    if (!updates) return;
    try {
      get().apply(await updates.status());
    } catch {
      // Main answers the status from memory; without an answer there is nothing to show.
    }
  },
  apply: (status) => set({ status, dismissed: null, error: null }),
  async act(action) {
    const updates = host().updates;
    if (!updates || get().busy) return;
    set({ busy: action, error: null });
    try {
      await updates[action]();
      set({ busy: null });
    } catch (err) {
      set({ busy: null, error: isApiError(err) ? err : new ApiError(0, 'internal_error', String(err)) });
    }
  },
  dismiss: () => set({ dismissed: get().status }),
}));
