/**
 * The site hash the elevation service compares with the customer client's: HMAC-SHA256 of the
 * site's software version under the site secret, hex. It is secret-derived (a stranger cannot
 * forge another site's hash) and changes with every software update (the seed: download the
 * registry file again after an update). The one definition, also used by the console-release code.
 */
import crypto from 'node:crypto';
import { type ApplianceContext } from '../context.js';
import { siteSecret } from '../site/site-state.js';
import { siteStateRepository } from '../site/site-state-repository.js';

export function siteHash(secret: Buffer, softwareVersion: string): string {
  return crypto.createHmac('sha256', secret).update(softwareVersion, 'utf8').digest('hex');
}

/** The current site hash and the software version it belongs to (read fresh: a release changes it). */
export async function currentSiteHash(ctx: ApplianceContext): Promise<{ hash: string; softwareVersion: string }> {
  const softwareVersion = await siteStateRepository(ctx.db).get('software_version');
  if (!softwareVersion) throw new Error('software_version missing from site_state');
  return { hash: siteHash(await siteSecret(ctx), softwareVersion), softwareVersion };
}
