/**
 * The profile photo: a chosen file checked and previewed locally, then uploaded or cancelled; and
 * deleting the current photo. The file is only read if its size is within the limit.
 */
import { create } from 'zustand';
import { PHOTO_MAX_BYTES } from '../../src-shared/photo-limits.js';
import { host } from '../host/host.js';
import { checkPhoto, type ImageHeader, type PhotoProblem } from '../lib/photo-check.js';
import { useAccountStore } from './account-store.js';

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

export const usePhotoStore = create<PhotoState>()((set, get) => ({
  pending: null,
  problem: null,
  async choose(file) {
    revoke(get().pending);
    set({ pending: null, problem: null });
    if (file.size > PHOTO_MAX_BYTES) {
      set({ problem: 'too_large' });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
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
    useAccountStore
      .getState()
      .set(await host().uploadPhoto({ bytes: pending.bytes, content_type: pending.contentType }));
    revoke(pending);
    set({ pending: null, problem: null });
  },
  async remove() {
    useAccountStore.getState().set(await host().deletePhoto());
  },
}));
