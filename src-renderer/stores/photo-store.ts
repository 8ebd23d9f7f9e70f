/**
 * The profile photo: a chosen file checked and previewed locally, then uploaded or cancelled; and
 * deleting the current photo. The file is only read if its size is within the limit. Per user
 * (see session-scope.ts): a chosen photo is dropped, and its preview URL released, when the session ends.
 */
import { PHOTO_MAX_BYTES } from '../../src-shared/photo-limits.js';
import { host } from '../host/host.js';
import { checkPhoto, type ImageHeader, type PhotoProblem } from '../lib/photo-check.js';
import { useAccountStore } from './account-store.js';
import { createUserStore, sessionScope } from './session-scope.js';

export interface PendingPhoto extends ImageHeader {
  name: string;
  bytes: Uint8Array;
  previewUrl: string;
}

interface PhotoState {
  pending: PendingPhoto | null;
  problem: PhotoProblem | null;
  choose(file: File): Promise<void>;
  cancel(): void;
  upload(): Promise<void>;
  remove(): Promise<void>;
}

function revoke(p: PendingPhoto | null): void {
  if (p) URL.revokeObjectURL(p.previewUrl);
}

export const usePhotoStore = createUserStore<PhotoState>(
  (set, get) => ({
    pending: null,
    problem: null,
    async choose(file) {
      revoke(get().pending);
      set({ pending: null, problem: null });
      if (file.size > PHOTO_MAX_BYTES) {
        set({ problem: 'too_large' });
        return;
      }
      const scope = sessionScope();
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (!scope.current()) return;
      const check = checkPhoto(bytes);
      if (!check.ok) {
        set({ problem: check.problem });
        return;
      }
      set({ pending: { ...check.image, name: file.name, bytes, previewUrl: URL.createObjectURL(file) } });
    },
    cancel() {
      revoke(get().pending);
      set({ pending: null, problem: null });
    },
    async upload() {
      const pending = get().pending;
      if (!pending) return;
      const scope = sessionScope();
      const account = await host().uploadPhoto({ bytes: pending.bytes, content_type: pending.contentType });
      if (!scope.current()) return;
      useAccountStore.getState().set(account);
      revoke(pending);
      set({ pending: null, problem: null });
    },
    async remove() {
      const scope = sessionScope();
      const account = await host().deletePhoto();
      if (scope.current()) useAccountStore.getState().set(account);
    },
  }),
  (state) => revoke(state.pending),
);
