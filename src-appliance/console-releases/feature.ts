/**
 * Console software updates on the appliance: releases, the version gate at login, update tokens
 * and the token-gated feed. Registered in ../features.ts.
 */
import { type ApplianceApp } from '../http/app-type.js';
import { type ApplianceContext } from '../context.js';
import { requireAdmin } from '../auth/session-guard.js';
import { ConsoleReleaseList, type ConsoleReleaseInfo } from '../../src-shared/api/updates.js';
import { publishRelease, type PublishInput } from './release-store.js';
import { type ConsoleRelease, releaseRepository } from './release-repository.js';
import { raiseSiteVersion } from './site-version.js';
import { consoleVersionGate } from './version-gate.js';
import { registerFeedRoutes, releasesChanged } from './feed-routes.js';
import { registerTokenRoutes } from './token-routes.js';
import { registerPublishRoute } from './publish-route.js';
import { watchReleases, type ReleaseWatch } from './release-watch.js';

const watches = new WeakMap<ApplianceContext, ReleaseWatch>();

export const name = 'console-releases';
export const dependencies = ['auth', 'site'] as const;

export async function register(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  ctx.loginChecks.beforePassword.push(consoleVersionGate(ctx));
  registerTokenRoutes(app, ctx);
  registerFeedRoutes(app, ctx);

  app.get(
    '/api/admin/console-releases',
    {
      schema: {
        tags: ['updates', 'admin'],
        summary: 'Published console releases',
        response: { 200: ConsoleReleaseList },
      },
      preHandler: requireAdmin(ctx),
    },
    async () => ({
      items: (await releaseRepository(ctx.db).listNewestFirst()).map(releaseInfo),
      upload_max_bytes: ctx.config.uploadMaxBytes,
    }),
  );
  await registerPublishRoute(app, ctx, { publish: publishConsole, info: releaseInfo });

  const watch = await watchReleases(ctx);
  watches.set(ctx, watch);
  app.addHook('onClose', async () => watch.stop());
}

/**
 * Publishes a release inside a running appliance (what the CLI does from outside) and pushes
 * `site.updated` right away when it was a software update.
 */
export async function publishConsole(
  ctx: ApplianceContext,
  input: Omit<PublishInput, 'dataDir' | 'now' | 'releaseKeys'>,
): Promise<ConsoleRelease & { siteUpdated: boolean }> {
  const release = await publishRelease(ctx.db, {
    ...input,
    dataDir: ctx.config.dataDir,
    releaseKeys: ctx.config.releaseKeys,
    now: ctx.clock.now(),
  });
  releasesChanged();
  const siteUpdated = await raiseSiteVersion(ctx.db, release.version);
  if (siteUpdated) await watches.get(ctx)?.check();
  return { ...release, siteUpdated };
}

/** A release as admins see it (the stored path stays on the appliance). */
export function releaseInfo(r: ConsoleRelease): ConsoleReleaseInfo {
  const { version, platform, file_name, size, sha512, published_at, signature } = r;
  return { version, platform, file_name, size, sha512, published_at, signature };
}
