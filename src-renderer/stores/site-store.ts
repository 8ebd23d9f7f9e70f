/** The site: name, versions, languages, password policy (public `GET /api/site`). */
import { create } from 'zustand';
import { type Site } from '../../src-shared/api/site.js';
import { host } from '../host/host.js';

interface SiteState {
  site: Site | null;
  load(): Promise<Site>;
  set(site: Site): void;
}

export const useSiteStore = create<SiteState>()((set) => ({
  site: null,
  async load() {
    const site = await host().getSite();
    set({ site });
    return site;
  },
  set: (site) => set({ site }),
}));
