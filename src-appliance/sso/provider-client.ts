/**
 * The appliance as an OpenID Connect client (openid-client) of one identity provider. The
 * provider's metadata is discovered once per provider version (and again after an admin changes
 * it); each sign-in then gets a Configuration of its own that checks ID token signatures against
 * the provider's JWKS (`enableNonRepudiationChecks`: not only the TLS connection vouches for
 * them) on the appliance's clock. Issuers are https, or http only on literal loopback.
 */
import * as client from 'openid-client';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { siteKeyOf } from '../site/site-key-of.js';
import { type IdentityProviderRow } from './identity-provider-repository.js';

const TIMEOUT_SECONDS = 10;

export const sealSecret = (ctx: ApplianceContext, id: number, secret: string): string =>
  siteKeyOf(ctx).encrypt(secret, `identity-provider:${id}`);

const secretOf = (ctx: ApplianceContext, row: IdentityProviderRow): string =>
  siteKeyOf(ctx).decrypt(row.client_secret_sealed, `identity-provider:${row.id}`);

const discovered = new WeakMap<ApplianceContext, Map<number, { version: string; metadata: client.ServerMetadata }>>();

const insecure = (row: IdentityProviderRow) => new URL(row.issuer).protocol === 'http:';

async function serverMetadata(ctx: ApplianceContext, row: IdentityProviderRow): Promise<client.ServerMetadata> {
  let cache = discovered.get(ctx);
  if (!cache) discovered.set(ctx, (cache = new Map()));
  const version = `${row.updated_at}|${row.issuer}`;
  const hit = cache.get(row.id);
  if (hit?.version === version) return hit.metadata;
  try {
    const config = await client.discovery(new URL(row.issuer), row.client_id, undefined, undefined, {
      execute: insecure(row) ? [client.allowInsecureRequests] : [],
      timeout: TIMEOUT_SECONDS,
    });
    const metadata = config.serverMetadata();
    cache.set(row.id, { version, metadata });
    return metadata;
  } catch (err) {
    ctx.log.warn({ err, issuer: row.issuer }, 'identity provider discovery failed');
    throw httpError(502, 'identity_provider_unreachable', 'The identity provider could not be reached.', {
      provider_id: row.id,
    });
  }
}

/** A client configuration for one sign-in with this provider. */
export async function providerConfiguration(
  ctx: ApplianceContext,
  row: IdentityProviderRow,
): Promise<client.Configuration> {
  const metadata = await serverMetadata(ctx, row);
  const secret = secretOf(ctx, row);
  const config = new client.Configuration(
    metadata,
    row.client_id,
    {
      client_secret: secret,
      // Token times are judged by the appliance's clock (the same one sessions and codes use).
      [client.clockSkew]: Math.round((ctx.clock.now().getTime() - Date.now()) / 1000),
    },
    client.ClientSecretBasic(secret),
  );
  config.timeout = TIMEOUT_SECONDS;
  if (insecure(row)) client.allowInsecureRequests(config);
  client.enableNonRepudiationChecks(config);
  return config;
}
