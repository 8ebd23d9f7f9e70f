/**
 * The downloads My Account offers. Until the appliance answers `GET /api/downloads` (an older
 * appliance, or the route missing) the list is empty and `apiAvailable` false: the section then
 * shows every item as unavailable rather than broken.
 */
import { create } from 'zustand';
import { type DownloadItem } from '../../src-shared/api/downloads.js';
import { host } from '../host/host.js';

interface DownloadsState {
  items: DownloadItem[];
  apiAvailable: boolean;
  loaded: boolean;
  load(): Promise<void>;
}

export const useDownloadsStore = create<DownloadsState>()((set) => ({
  items: [],
  apiAvailable: false,
  loaded: false,
  async load() {
    try {
      set({ items: await host().listDownloads(), apiAvailable: true, loaded: true });
    } catch {
      set({ items: [], apiAvailable: false, loaded: true });
    }
  },
}));
