/**
 * Site-wide key/value state: the site secret (created at first start, signs CSRF tokens and other
 * single-purpose tokens) and the software/console versions (default: package.json "version").
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { type ApplianceContext } from '../context.js';

export type SiteStateKey = 'site_secret' | 'software_version' | 'console_version' | (string & {});

export async function getSiteState(ctx: ApplianceContext, key: SiteStateKey): Promise<string | null> {
  const row = await ctx.db.selectFrom('site_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setSiteState(ctx: ApplianceContext, key: SiteStateKey, value: string): Promise<void> {
  await ctx.db
    .insertInto('site_state')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Fills in what a first start needs; later starts keep what is there. */
export async function initSiteState(ctx: ApplianceContext): Promise<void> {
  const defaults: Record<string, () => string> = {
    site_secret: () => crypto.randomBytes(32).toString('hex'),
    software_version: packageVersion,
    console_version: packageVersion,
  };
  for (const [key, make] of Object.entries(defaults)) {
    await ctx.db
      .insertInto('site_state')
      .values({ key, value: make() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}

/** The site secret as bytes (cached: it never changes once created). */
const secretCache = new WeakMap<ApplianceContext, Buffer>();
export async function siteSecret(ctx: ApplianceContext): Promise<Buffer> {
  let secret = secretCache.get(ctx);
  if (!secret) {
    const hex = await getSiteState(ctx, 'site_secret');
    if (!hex) throw new Error('site secret missing: initSiteState did not run');
    secret = Buffer.from(hex, 'hex');
    secretCache.set(ctx, secret);
  }
  return secret;
}
