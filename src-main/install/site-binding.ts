/**
 * The one site this console is bound to, kept in `<userData>/site.json`. Tokens and the password
 * go to that site, so it changes only in two ways:
 *   - at first run (nothing bound yet), from the install configuration (SITEURL / --site) or the
 *     first-run entry (`set`);
 *   - later, only when the technician confirms a dialog in main that shows the old and the new
 *     site (`confirmChange`). Without a confirmation (declined, or a silent run, which cannot ask)
 *     the binding stays; the renderer alone can never re-bind it.
 * Every URL passes the same rule as the install configuration (https, http only on literal
 * loopback). A change drops the session and update tokens, which belong to the old site.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkSiteUrl } from '../../src-shared/install-options.js';
import { ApiError } from '../../src-shared/errors.js';
import { type SecretStore } from '../storage/secret-store.js';

export const SITE_FILE = 'site.json';

/** A change of an already bound site, for the technician to confirm. */
export interface SiteChange {
  from: string;
  to: string;
  /** Who asks: the install configuration at start, or the console's own window. */
  source: 'install' | 'console';
}

export interface SiteBinding {
  get(): string | null;
  /** Binds `url` (first run), or asks the technician to confirm a change; `site_change_refused` if not. */
  set(url: string): Promise<string>;
  /** The install configuration's site when it differs from the binding and was not confirmed. */
  readonly unconfirmedInstallSite: string | null;
  /** Called (and awaited) after the bound site changed (not at the first binding). */
  onChange(listener: (url: string) => void | Promise<void>): () => void;
}

export async function openSiteBinding(deps: {
  userDataDir: string;
  fromInstall: string | null;
  secrets: SecretStore;
  /** Shows the old and the new site and resolves true only when the technician confirms; null: cannot ask. */
  confirmChange: ((change: SiteChange) => Promise<boolean>) | null;
  log: { info(msg: string): void; warn(msg: string): void };
}): Promise<SiteBinding> {
  const file = path.join(deps.userDataDir, SITE_FILE);
  let current: string | null = null;
  let unconfirmedInstallSite: string | null = null;
  let asking = false;
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

  /** Whether `url` may replace the current binding: always at first run, else only when confirmed. */
  async function confirmed(url: string, source: SiteChange['source']): Promise<boolean> {
    if (current === null) return true;
    const change = `site binding: change from ${current} to ${url} (${source})`;
    if (!deps.confirmChange) {
      deps.log.warn(`${change} not applied: a silent run cannot ask the technician to confirm it`);
      return false;
    }
    // One dialog at a time: a page asking again and again gets refused, not a stack of dialogs.
    if (asking) {
      deps.log.warn(`${change} refused: another change is waiting for the technician`);
      return false;
    }
    asking = true;
    try {
      const answer = (await deps.confirmChange({ from: current, to: url, source })) === true;
      deps.log.info(`${change} ${answer ? 'confirmed' : 'declined'} by the technician`);
      return answer;
    } finally {
      asking = false;
    }
  }

  async function bind(url: string): Promise<void> {
    const previous = current;
    if (previous !== null) {
      await deps.secrets.delete('session_token');
      await deps.secrets.delete('update_token');
      deps.log.info(`site binding: site changed from ${previous} to ${url}; session and update tokens dropped`);
    } else {
      deps.log.info(`site binding: bound to ${url}`);
    }
    current = url;
    await fs.mkdir(deps.userDataDir, { recursive: true });
    await fs.writeFile(file, JSON.stringify({ url }, null, 2));
    if (previous !== null) for (const l of [...listeners]) await l(url);
  }

  if (deps.fromInstall && deps.fromInstall !== current) {
    if (await confirmed(deps.fromInstall, 'install')) await bind(deps.fromInstall);
    else unconfirmedInstallSite = deps.fromInstall;
  }

  return {
    get: () => current,
    async set(url) {
      const check = checkSiteUrl(url);
      if (!check.ok) throw new ApiError(400, 'insecure_site_url', `The site URL ${check.reason}.`);
      if (check.url === current) return check.url;
      if (!(await confirmed(check.url, 'console')))
        throw new ApiError(409, 'site_change_refused', `The console stays bound to ${current}.`, {
          site_url: current,
        });
      await bind(check.url);
      return check.url;
    },
    get unconfirmedInstallSite() {
      return unconfirmedInstallSite;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
