/**
 * The console version gate: a console that logs in with a version older than the site's console
 * version must update first (`426 console_update_required`, with where to update and download).
 * Runs before the password check: the answer only reveals the site's console version, which
 * `GET /api/site` shows anyway, and an outdated console should not spend a lockout attempt.
 * A console login without `console_version` is not gated (there is nothing to compare).
 */
import { type ApplianceContext } from '../context.js';
import { type LoginCheck, LoginRefusal } from '../auth/login-checks.js';
import { siteStateRepository } from '../site/site-state-repository.js';
import { httpError } from '../http/api-error.js';
import { compareConsoleVersions, isConsoleVersion } from '../../src-shared/console-version.js';
import { CONSOLE_DOWNLOAD_PAGE_PATH, type ConsoleUpdateRequiredDetails } from '../../src-shared/api/updates.js';

export function updateRequiredDetails(ctx: ApplianceContext, siteVersion: string): ConsoleUpdateRequiredDetails {
  const base = ctx.publicUrl();
  return {
    console_version: siteVersion,
    // The feed root: the console appends its platform and channel file (see updateFeedPath).
    update_url: `${base}/api/console/updates/`,
    download_url: `${base}${CONSOLE_DOWNLOAD_PAGE_PATH}`,
  };
}

export function consoleVersionGate(ctx: ApplianceContext): LoginCheck {
  return async ({ body }) => {
    if (body.client !== 'console' || body.console_version === undefined) return;
    const siteVersion = await siteStateRepository(ctx.db).get('console_version');
    if (!siteVersion || !isConsoleVersion(siteVersion)) return;
    const own = body.console_version;
    if (isConsoleVersion(own) && compareConsoleVersions(own, siteVersion) >= 0) return;
    throw new LoginRefusal(
      httpError(
        426,
        'console_update_required',
        `This console (${own}) is older than the site's console ${siteVersion}: update it first.`,
        { ...updateRequiredDetails(ctx, siteVersion) },
      ),
      { countsTowardLockout: false },
    );
  };
}
