import { type ApplianceContext } from '../context.js';
import { SiteKey } from './site-key.js';

const keys = new WeakMap<ApplianceContext, SiteKey>();

/** The appliance's site key (loaded once per appliance from its data directory). */
export function siteKeyOf(ctx: ApplianceContext): SiteKey {
  let key = keys.get(ctx);
  if (!key) keys.set(ctx, (key = SiteKey.loadOrCreate(ctx.config.dataDir)));
  return key;
}
