/**
 * Main side of the first-run site entry (`window.consoleSite`): the same handler path as the
 * ConsoleApi (sender check, SITE_API_ARGS, envelope); the site binding applies its URL rule and
 * asks the technician before it replaces a bound site.
 */
import { SITE_API_ARGS, SITE_API_METHODS, siteChannel, type SiteApi } from '../../src-shared/console-bridge.js';
import { type SiteBinding } from '../install/site-binding.js';
import { registerIpcMethods, type IpcMethodsDeps } from './ipc-methods.js';

export function registerSiteIpc(deps: IpcMethodsDeps & { site: SiteBinding }): () => void {
  const api: SiteApi = { get: async () => deps.site.get(), set: (url) => deps.site.set(url) };
  return registerIpcMethods<SiteApi>(deps, {
    methods: SITE_API_METHODS,
    args: SITE_API_ARGS,
    channel: siteChannel,
    target: () => api,
  });
}
