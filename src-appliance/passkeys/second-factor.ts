/**
 * A passkey as the second factor after the password, in the browser (the desktop console cannot
 * run the ceremony: it is not offered there). The second step's challenge lists the user's
 * passkeys and is bound to the user; user verification is not asked for (the password is the
 * other factor) unless the site requires it for every ceremony.
 */
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import crypto from 'node:crypto';
import { PASSKEY_CHALLENGE_TTL_MS } from '../../src-shared/api/passkeys.js';
import { type ApplianceContext } from '../context.js';
import { type ApiError, httpError } from '../http/api-error.js';
import { type SecondFactor } from '../auth/login-checks.js';
import { checkAssertion } from './assertion.js';
import { storeChallenge, takeChallenge } from './challenges.js';
import { passkeyRepository } from './passkey-repository.js';
import { passkeySettings } from './policy.js';
import { relyingPartyOf, requireRelyingParty } from './relying-party.js';

export function passkeySecondFactor(ctx: ApplianceContext): SecondFactor {
  const repo = () => passkeyRepository(ctx.db);
  const uvRequired = async () => (await passkeySettings(ctx)).passkey_user_verification === 'required';
  return {
    method: 'passkey',
    async usable(user, body) {
      if (body.client !== 'web' || !relyingPartyOf(ctx) || !(await passkeySettings(ctx)).passkeys_allowed) return false;
      return (await repo().listForUser(user.id)).some((p) => !p.flagged_at);
    },
    presented: (body) => body.passkey !== undefined,
    async verify(user, body): Promise<ApiError | null> {
      const answer = body.passkey!;
      if (!(await passkeySettings(ctx)).passkeys_allowed)
        return httpError(403, 'passkeys_not_allowed', 'Your administrator has turned passkeys off for this site.');
      let challenge;
      try {
        challenge = await takeChallenge(ctx, answer.attempt_id, 'second_factor', { userId: user.id });
      } catch (err) {
        return err as ApiError;
      }
      const passkey = await repo().findByCredentialId(answer.response.id);
      if (!passkey || passkey.user_id !== user.id)
        return httpError(401, 'passkey_invalid', 'This passkey is not one of this account’s.', { reason: 'not yours' });
      const result = await checkAssertion(ctx, passkey, challenge, answer.response, await uvRequired());
      return result.ok ? null : result.error;
    },
    async offer(user) {
      const rp = requireRelyingParty(ctx);
      const passkeys = (await repo().listForUser(user.id)).filter((p) => !p.flagged_at);
      const options = await generateAuthenticationOptions({
        rpID: rp.id,
        challenge: crypto.randomBytes(32),
        timeout: PASSKEY_CHALLENGE_TTL_MS,
        allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: JSON.parse(p.transports) })),
        userVerification: (await uvRequired()) ? 'required' : 'discouraged',
      });
      const attempt_id = await storeChallenge(ctx, 'second_factor', options.challenge, { userId: user.id });
      return { passkey: { attempt_id, options } };
    },
  };
}
