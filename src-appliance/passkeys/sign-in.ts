/**
 * Passwordless sign-in: the appliance issues a challenge with no user (discoverable credentials:
 * the passkey names the account), the browser answers, and the answer's passkey, its owner's
 * lockout, the signature and the counter decide. The sign-in counts as two factors only when the
 * authenticator verified the user (possession of the key plus a PIN or biometrics on it); without
 * that, an account that requires two-factor authentication is refused.
 */
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import crypto from 'node:crypto';
import { type FastifyRequest } from 'fastify';
import {
  PASSKEY_CHALLENGE_TTL_MS,
  type PasskeyAssertion,
  type PasskeyRequestOptions,
} from '../../src-shared/api/passkeys.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { type SignedIn } from '../auth/login-answer.js';
import { createSession, requestOrigin } from '../auth/sessions.js';
import { reportFailedCredential } from '../auth/credential-failed.js';
import { twoFactorRequired } from '../two-factor/two-factor-policy.js';
import { userRepository } from '../users/user-repository.js';
import { admitLocalSignIn } from '../auth/sso-policy.js';
import { checkAssertion } from './assertion.js';
import { storeChallenge, takeChallenge } from './challenges.js';
import { beginAccountAttempt } from '../auth/lockout.js';
import { passkeyRepository } from './passkey-repository.js';
import { passkeySettings, requirePasswordlessAllowed } from './policy.js';
import { requireRelyingParty } from './relying-party.js';

const unknownPasskey = () =>
  httpError(401, 'passkey_unknown', 'This passkey is not registered for an account on this site.');

export async function signInOptions(ctx: ApplianceContext): Promise<PasskeyRequestOptions> {
  const settings = await passkeySettings(ctx);
  requirePasswordlessAllowed(settings);
  const rp = requireRelyingParty(ctx);
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    challenge: crypto.randomBytes(32),
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    userVerification: settings.passkey_user_verification,
  });
  const attempt_id = await storeChallenge(ctx, 'sign_in', options.challenge, {});
  return { attempt_id, options };
}

export async function signInWithPasskey(
  ctx: ApplianceContext,
  body: PasskeyAssertion,
  request: FastifyRequest,
): Promise<SignedIn> {
  const settings = await passkeySettings(ctx);
  requirePasswordlessAllowed(settings);
  const challenge = await takeChallenge(ctx, body.attempt_id, 'sign_in', {});
  const repo = passkeyRepository(ctx.db);
  const passkey = await repo.findByCredentialId(body.response.id);
  if (!passkey) throw unknownPasskey();
  const handle = body.response.response.userHandle;
  if (handle !== undefined && (await repo.userIdForHandle(handle)) !== passkey.user_id) throw unknownPasskey();
  const user = await userRepository(ctx.db).findById(passkey.user_id);
  if (!user) throw unknownPasskey();

  const attempt = await beginAccountAttempt(ctx, user.id);
  const uvRequired = settings.passkey_user_verification === 'required';
  const result = await checkAssertion(ctx, passkey, challenge, body.response, uvRequired);
  if (!result.ok) {
    reportFailedCredential(ctx, user.id, 'passkey', request, 'web');
    throw attempt.failed(result.error);
  }
  // A passkey is a local way in too: where technicians must use the identity provider, it is not one.
  await admitLocalSignIn(ctx, user, attempt);
  if (!result.userVerified && (await twoFactorRequired(ctx, user))) {
    await attempt.released();
    throw httpError(
      401,
      'user_verification_required',
      'Two-factor authentication is required: the passkey must verify you (PIN or biometrics), or sign in with your password.',
    );
  }
  await attempt.succeeded();
  const session = await createSession(ctx, {
    userId: user.id,
    client: 'web',
    installId: null,
    consoleVersion: null,
    restriction: null,
    method: 'passkey',
    secondFactor: null,
    ...requestOrigin(request),
  });
  return { user, session, restriction: null };
}
