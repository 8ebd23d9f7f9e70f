/**
 * Checking a signed answer to a sign-in or second-factor challenge for a stored passkey: the
 * challenge, the appliance's origin and RP ID, user presence (and verification when required),
 * the signature; then the signature counter. The counter is compared only after the signature
 * holds (so nobody without the key can get a passkey blocked), and in the same statement that
 * records the use: a counter that did not move forward means the key was copied, and the passkey
 * is flagged, refuses every later sign-in and its owner is mailed.
 */
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { type AuthenticationResponse } from '../../src-shared/api/passkeys.js';
import { type ApplianceContext } from '../context.js';
import { httpError, type ApiError } from '../http/api-error.js';
import { type ChallengeRow } from './challenge-repository.js';
import { passkeyRepository, type PasskeyRow } from './passkey-repository.js';
import { requireRelyingParty } from './relying-party.js';

export type AssertionResult = { ok: true; userVerified: boolean } | { ok: false; error: ApiError };

export function passkeyFlagged(): ApiError {
  return httpError(
    401,
    'passkey_flagged',
    'This passkey has been blocked: a sign-in showed it may have been copied. Use another way to sign in.',
  );
}

function refused(reason: string): ApiError {
  return httpError(401, 'passkey_invalid', 'The passkey could not be verified.', { reason });
}

export async function checkAssertion(
  ctx: ApplianceContext,
  passkey: PasskeyRow,
  challenge: ChallengeRow,
  response: AuthenticationResponse,
  requireUserVerification: boolean,
): Promise<AssertionResult> {
  if (passkey.flagged_at) return { ok: false, error: passkeyFlagged() };
  const rp = requireRelyingParty(ctx);
  let verified;
  await ctx.probes.credentialVerification?.('passkey');
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification,
      // 0: the library's own counter check would run before the signature; ours runs after it.
      credential: {
        id: passkey.credential_id,
        publicKey: Buffer.from(passkey.public_key, 'base64url'),
        counter: 0,
        transports: JSON.parse(passkey.transports) as string[],
      },
    });
  } catch (err) {
    return { ok: false, error: refused((err as Error).message) };
  }
  if (!verified.verified) return { ok: false, error: refused('signature') };
  const info = verified.authenticationInfo;
  const at = ctx.clock.now().toISOString();
  const repo = passkeyRepository(ctx.db);
  if (await repo.recordUse(passkey.id, { counter: info.newCounter, backedUp: info.credentialBackedUp, at })) {
    return { ok: true, userVerified: info.userVerified };
  }
  if (await repo.flag(passkey.id, at)) {
    ctx.log.warn({ userId: passkey.user_id, passkeyId: passkey.id }, 'passkey counter went backwards: flagged');
    ctx.domain.emit('passkey.changed', {
      userId: passkey.user_id,
      change: 'flagged',
      passkeyId: passkey.id,
      name: passkey.name,
    });
  }
  return { ok: false, error: passkeyFlagged() };
}
