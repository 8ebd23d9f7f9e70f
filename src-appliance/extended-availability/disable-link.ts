/**
 * The one-click "turn extended availability off" link mailed at each enabling. Its token is
 * `<user id>.<nonce>.<HMAC>` under the site key for this one purpose; the nonce is stored and
 * cleared when used, so the link works once and a newer enabling's link replaces older ones.
 */
import crypto from 'node:crypto';
import { type ApplianceContext } from '../context.js';
import { siteKeyOf } from '../site/site-key-of.js';

const PURPOSE = 'extended-availability-disable';

export function makeDisableToken(ctx: ApplianceContext, userId: number, nonce: string): string {
  const payload = `${userId}.${nonce}`;
  return `${payload}.${siteKeyOf(ctx).sign(PURPOSE, payload)}`;
}

export function newNonce(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/** The user id and nonce of a correctly signed token, else null. */
export function readDisableToken(ctx: ApplianceContext, token: string): { userId: number; nonce: string } | null {
  const m = /^([0-9]{1,12})\.([A-Za-z0-9_-]{10,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const payload = `${m[1]}.${m[2]}`;
  if (!siteKeyOf(ctx).verify(PURPOSE, payload, m[3]!)) return null;
  return { userId: Number(m[1]), nonce: m[2]! };
}
