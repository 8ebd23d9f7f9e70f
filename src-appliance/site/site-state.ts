/**
 * Site-wide key/value state: the site secret (created at first start, signs CSRF tokens and other
 * single-purpose tokens) and the software/console versions (default: package.json "version").
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { type ApplianceContext } from '../context.js';
import { siteStateRepository } from './site-state-repository.js';

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
  const state = siteStateRepository(ctx.db);
  for (const [key, make] of Object.entries(defaults)) await state.setIfMissing(key, make());
}

/** The site secret as bytes (cached: it never changes once created). */
const secretCache = new WeakMap<ApplianceContext, Buffer>();
export async function siteSecret(ctx: ApplianceContext): Promise<Buffer> {
  let secret = secretCache.get(ctx);
  if (!secret) {
    const hex = await siteStateRepository(ctx.db).get('site_secret');
    if (!hex) throw new Error('site secret missing: initSiteState did not run');
    secret = Buffer.from(hex, 'hex');
    secretCache.set(ctx, secret);
  }
  return secret;
}
