/**
 * The one site this console is bound to, kept in `<userData>/site.json`. The install
 * configuration (SITEURL / --site) wins over a stored binding; a change of site drops the session
 * and update tokens, which belong to the old site. A first-run entry goes through `set`, which
 * applies the same rule as the install configuration (https, or http on loopback only).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkSiteUrl } from '../../src-shared/install-options.js';
import { ApiError } from '../../src-shared/errors.js';
import { type SecretStore } from '../storage/secret-store.js';

export const SITE_FILE = 'site.json';

export interface SiteBinding {
  get(): string | null;
  set(url: string): Promise<string>;
  /** Called (and awaited) after the bound site changed (not at the first binding). */
  onChange(listener: (url: string) => void | Promise<void>): () => void;
}

export async function openSiteBinding(deps: {
  userDataDir: string;
  fromInstall: string | null;
  secrets: SecretStore;
  log: { info(msg: string): void; warn(msg: string): void };
}): Promise<SiteBinding> {
  const file = path.join(deps.userDataDir, SITE_FILE);
  let current: string | null = null;
  const listeners = new Set<(url: string) => void | Promise<void>>();
  try {
    const stored = (JSON.parse(await fs.readFile(file, 'utf8')) as { url?: unknown }).url;
    const check = typeof stored === 'string' ? checkSiteUrl(stored) : null;
    if (check?.ok) current = check.url;
    else deps.log.warn(`site binding: ignoring the stored site (${check ? check.reason : 'missing url'})`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      deps.log.warn(`site binding: ${SITE_FILE} unreadable (${(err as Error).message})`);
  }

  async function bind(url: string): Promise<void> {
    if (current !== null && current !== url) {
      await deps.secrets.delete('session_token');
      await deps.secrets.delete('update_token');
      deps.log.info(`site binding: site changed from ${current} to ${url}; session and update tokens dropped`);
    } else if (current === null) {
      deps.log.info(`site binding: bound to ${url}`);
    }
    const changed = current !== null;
    current = url;
    await fs.mkdir(deps.userDataDir, { recursive: true });
    await fs.writeFile(file, JSON.stringify({ url }, null, 2));
    if (changed) for (const l of [...listeners]) await l(url);
  }

  if (deps.fromInstall && deps.fromInstall !== current) await bind(deps.fromInstall);

  return {
    get: () => current,
    async set(url) {
      const check = checkSiteUrl(url);
      if (!check.ok) throw new ApiError(400, 'insecure_site_url', `The site URL ${check.reason}.`);
      if (check.url !== current) await bind(check.url);
      return check.url;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
