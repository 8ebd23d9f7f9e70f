/**
 * Tells connected consoles about a software update (`site.updated`) however it was published:
 * in this process (the admin route calls `check`) or by `npm run appliance -- publish-console`
 * in another process (or on another node) while the server runs. For the latter the watch listens
 * to `ctx.changes`: when the engine notices a commit from elsewhere, `console_version` is re-read
 * (one keyed read); nothing is queried while nobody else writes.
 */
import { type ApplianceContext } from '../context.js';
import { buildSite } from '../site/routes.js';
import { readConsoleVersion } from './site-version.js';

export interface ReleaseWatch {
  /** Pushes `site.updated` if the site's console version differs from the last one pushed. */
  check(): Promise<boolean>;
  stop(): void;
}

export async function watchReleases(ctx: ApplianceContext): Promise<ReleaseWatch> {
  let lastVersion = await readConsoleVersion(ctx.db);
  let running: Promise<unknown> | null = null;
  let again = false;

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

  // One check at a time; a change noticed during one is looked at once it ends.
  const onChange = () => {
    if (running) {
      again = true;
      return;
    }
    running = check()
      .catch((err: unknown) => ctx.log.error({ err }, 'release watch failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          onChange();
        }
      });
  };
  const stop = ctx.changes.onChangedElsewhere(onChange);
  return { check, stop };
}
