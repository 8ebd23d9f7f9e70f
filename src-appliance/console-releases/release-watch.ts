/**
 * Tells connected consoles about a software update (`site.updated`) however it was published:
 * in this process (the admin route calls `notify`) or by `npm run appliance -- publish-console`
 * in another process while the server runs. For the latter the server polls SQLite's
 * `PRAGMA data_version`, which changes only when ANOTHER connection commits, so an idle poll costs
 * one pragma per second and no query of the tables; only then is `console_version` re-read.
 * (A file watch on the data directory was the alternative; it is less portable (network shares,
 * containers) and would fire on every WAL write.)
 */
import { type ApplianceContext } from '../context.js';
import { buildSite } from '../site/routes.js';
import { readConsoleVersion } from './site-version.js';

export interface ReleaseWatch {
  /** Pushes `site.updated` if the site's console version differs from the last one pushed. */
  check(): Promise<boolean>;
  stop(): void;
}

export async function watchReleases(ctx: ApplianceContext, intervalMs: number): Promise<ReleaseWatch> {
  let lastVersion = await readConsoleVersion(ctx.db);
  let lastDataVersion = ctx.sqlite.pragma('data_version', { simple: true }) as number;
  let busy = false;

  const check = async (): Promise<boolean> => {
    const version = await readConsoleVersion(ctx.db);
    if (version === lastVersion) return false;
    lastVersion = version;
    const site = await buildSite(ctx);
    // Every process's watch sees the new version itself: relaying it would tell sockets twice.
    const n = ctx.events.toAllHere({ type: 'site.updated', data: { site } });
    ctx.log.info({ consoleVersion: version, notified: n }, 'console release published: site.updated pushed');
    return true;
  };

  const timer = setInterval(() => {
    if (busy || !ctx.sqlite.open) return;
    const dv = ctx.sqlite.pragma('data_version', { simple: true }) as number;
    if (dv === lastDataVersion) return;
    lastDataVersion = dv;
    busy = true;
    check()
      .catch((err) => ctx.log.error({ err }, 'release watch failed'))
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
