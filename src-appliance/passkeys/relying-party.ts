/**
 * The WebAuthn relying party is the appliance's public URL (APPLIANCE_PUBLIC_URL, else the address
 * it listens on): its host is the RP ID, its origin the only origin a ceremony may come from.
 * Browsers refuse an IP address as RP ID, so an appliance reached by IP offers no passkeys (it
 * says so with `409 passkeys_unavailable`) until it has a host name.
 */
import net from 'node:net';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';

export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingPartyOf(ctx: ApplianceContext): RelyingParty | null {
  let url: URL;
  try {
    url = new URL(ctx.publicUrl());
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host || net.isIP(host) !== 0) return null;
  return { id: host, origin: url.origin, name: ctx.config.siteName };
}

export function requireRelyingParty(ctx: ApplianceContext): RelyingParty {
  const rp = relyingPartyOf(ctx);
  if (!rp)
    throw httpError(
      409,
      'passkeys_unavailable',
      'Passkeys need the appliance to be reached by a host name: set APPLIANCE_PUBLIC_URL to one.',
    );
  return rp;
}
