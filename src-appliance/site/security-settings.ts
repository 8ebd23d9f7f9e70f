/**
 * The site's security policy (/login > Management > Security). Stored as one JSON row merged over
 * DEFAULT_SECURITY_SETTINGS, so a setting added later has its default without a migration.
 * Reads are cached per appliance, refreshed on this process's writes and dropped when the engine
 * notices a change by another process (ctx.changes).
 */
import Value from 'typebox/value';
import {
  DEFAULT_SECURITY_SETTINGS,
  MAX_PASSWORD_LENGTH,
  type PasswordPolicy,
  SecuritySettings,
  type SecuritySettingsPatch,
} from '../../src-shared/api/site.js';
import { defaultLanguageEnabled } from '../../src-shared/security-settings-check.js';
import { type ApplianceContext } from '../context.js';
import { type Db } from '../db/engine.js';
import { inTransaction } from '../db/transaction.js';
import { httpError } from '../http/api-error.js';
import { settingsRepository } from './settings-repository.js';

/** Loaded once, refreshed by this process's own updates; void when another process may have changed it. */
const cache = new WeakMap<ApplianceContext, { elsewhereVersion: number; settings: SecuritySettings }>();

/** The settings if already loaded (hot paths skip a promise per request with this). */
export function cachedSecuritySettings(ctx: ApplianceContext): SecuritySettings | undefined {
  const entry = cache.get(ctx);
  return entry && entry.elsewhereVersion === ctx.changes.elsewhereVersion ? entry.settings : undefined;
}

export async function getSecuritySettings(ctx: ApplianceContext): Promise<SecuritySettings> {
  const cached = cachedSecuritySettings(ctx);
  if (cached) return cached;
  const elsewhereVersion = ctx.changes.elsewhereVersion;
  const json = await settingsRepository(ctx.db).read();
  const stored = json ? (JSON.parse(json) as Partial<SecuritySettings>) : {};
  const merged = { ...DEFAULT_SECURITY_SETTINGS, ...stored };
  const settings = Value.Check(SecuritySettings, merged) ? merged : DEFAULT_SECURITY_SETTINGS;
  cache.set(ctx, { elsewhereVersion, settings });
  return settings;
}

/**
 * The settings a validated patch would give: a language list without the default language moves
 * the default to its first entry; a default language outside the list is refused.
 */
export function mergeSecurityPatch(current: SecuritySettings, patch: SecuritySettingsPatch): SecuritySettings {
  const next: SecuritySettings = { ...current, ...patch };
  if (patch.languages && patch.default_language === undefined && !defaultLanguageEnabled(next)) {
    next.default_language = next.languages[0]!;
  }
  if (!defaultLanguageEnabled(next)) {
    throw httpError(422, 'language_not_enabled', 'The default language must be one of the enabled languages.', {
      field: 'default_language',
      default_language: next.default_language,
      languages: next.languages,
    });
  }
  return next;
}

/** Applies a validated patch (see mergeSecurityPatch). */
export async function updateSecuritySettings(
  ctx: ApplianceContext,
  patch: SecuritySettingsPatch,
  /** Runs in the write's transaction (the audit line): if it fails, nothing is stored. */
  alongside?: (trx: Db, before: SecuritySettings, next: SecuritySettings) => Promise<void>,
): Promise<SecuritySettings> {
  const before = await getSecuritySettings(ctx);
  const next = mergeSecurityPatch(before, patch);
  const json = JSON.stringify(next);
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx.db, async (trx) => {
    await settingsRepository(trx).write(json, now);
    await alongside?.(trx, before, next);
  });
  cache.set(ctx, { elsewhereVersion: ctx.changes.elsewhereVersion, settings: next });
  ctx.domain.emit('site.changed', {});
  return next;
}

/** The public part of the settings: what a client needs to check a new password. */
export function passwordPolicyOf(settings: SecuritySettings): PasswordPolicy {
  return {
    min_password_length: settings.min_password_length,
    max_password_length: MAX_PASSWORD_LENGTH,
    require_complex_passwords: settings.require_complex_passwords,
    block_common_passwords: settings.block_common_passwords,
    min_password_strength: settings.min_password_strength,
    password_history: settings.password_history,
  };
}
