/**
 * Adding a passkey: the options (a resident key, user verification as the policy says, the user's
 * existing passkeys excluded, no attestation: the site trusts the person, not a vendor), then the
 * browser's answer checked against the challenge of this session, the appliance's origin and RP
 * ID, and stored, within the limit of ten.
 */
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import crypto from 'node:crypto';
import {
  PASSKEY_CHALLENGE_TTL_MS,
  PASSKEY_LIMIT,
  type PasskeyRegistration,
  type PasskeyRegistrationOptions,
} from '../../src-shared/api/passkeys.js';
import { type SecuritySettings } from '../../src-shared/api/site.js';
import { type ApplianceContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { isUniqueViolation } from '../db/repository.js';
import { httpError } from '../http/api-error.js';
import { type UserRow } from '../users/tables.js';
import { storeChallenge, takeChallenge } from './challenges.js';
import { passkeyRepository, type PasskeyRow } from './passkey-repository.js';
import { SUPPORTED_ALGORITHMS } from './policy.js';
import { requireRelyingParty } from './relying-party.js';

export function limitReached(): ReturnType<typeof httpError> {
  return httpError(409, 'passkey_limit_reached', `You already have ${PASSKEY_LIMIT} passkeys. Delete one first.`, {
    limit: PASSKEY_LIMIT,
  });
}

export async function registrationOptions(
  ctx: ApplianceContext,
  user: UserRow,
  sessionId: string,
  settings: SecuritySettings,
): Promise<PasskeyRegistrationOptions> {
  const rp = requireRelyingParty(ctx);
  const repo = passkeyRepository(ctx.db);
  const existing = await repo.listForUser(user.id);
  if (existing.length >= PASSKEY_LIMIT) throw limitReached();
  const handle = await repo.userHandle(user.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userID: Buffer.from(handle, 'base64url'),
    userDisplayName: user.private_display_name,
    challenge: crypto.randomBytes(32),
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: JSON.parse(p.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: settings.passkey_user_verification },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  const attempt_id = await storeChallenge(ctx, 'registration', options.challenge, { userId: user.id, sessionId });
  return { attempt_id, options };
}

function registrationRefused(reason: string): ReturnType<typeof httpError> {
  return httpError(400, 'passkey_invalid', 'The passkey could not be verified. Try again.', { reason });
}

export async function completeRegistration(
  ctx: ApplianceContext,
  user: UserRow,
  sessionId: string,
  settings: SecuritySettings,
  body: PasskeyRegistration & { name: string },
): Promise<PasskeyRow> {
  const rp = requireRelyingParty(ctx);
  const challenge = await takeChallenge(ctx, body.attempt_id, 'registration', { userId: user.id, sessionId });
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: body.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: settings.passkey_user_verification === 'required',
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch (err) {
    throw registrationRefused((err as Error).message);
  }
  if (!verified.verified) throw registrationRefused('not verified');
  const info = verified.registrationInfo;
  const now = ctx.clock.now().toISOString();
  const row: PasskeyRow = {
    id: crypto.randomBytes(16).toString('base64url'),
    user_id: user.id,
    credential_id: info.credential.id,
    public_key: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    transports: JSON.stringify((body.response.response.transports ?? []).slice(0, 8)),
    aaguid: info.aaguid,
    name: body.name,
    backup_eligible: info.credentialDeviceType === 'multiDevice' ? 1 : 0,
    backed_up: info.credentialBackedUp ? 1 : 0,
    created_at: now,
    last_used_at: null,
    flagged_at: null,
  };
  try {
    await inTransaction(ctx.db, async (trx) => {
      const repo = passkeyRepository(trx);
      if ((await repo.countForUser(user.id)) >= PASSKEY_LIMIT) throw limitReached();
      await repo.insert(row);
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw httpError(409, 'passkey_already_registered', 'This passkey is already registered.');
    throw err;
  }
  return row;
}
