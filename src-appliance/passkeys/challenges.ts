/**
 * Issuing and taking ceremony challenges. Each is stored (so any appliance process can check the
 * answer), bound to what it was issued for (a session for registration, a user for the second
 * factor, nothing for passwordless sign-in, where the passkey names the user), valid for five
 * minutes and taken once: a second answer to the same challenge, a replay, finds nothing.
 */
import crypto from 'node:crypto';
import { PASSKEY_CHALLENGE_TTL_MS } from '../../src-shared/api/passkeys.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { challengeRepository, type ChallengeRow } from './challenge-repository.js';
import { type ChallengePurpose } from './tables.js';

/** Open passwordless challenges at most: anyone may ask for one, so their number is bounded. */
const MAX_OPEN_SIGN_IN_CHALLENGES = 10_000;

export interface ChallengeBinding {
  userId?: number;
  sessionId?: string;
}

export const newChallenge = (): string => crypto.randomBytes(32).toString('base64url');

/** Stores `challenge` (the options' base64url value) for `purpose`; returns the attempt id. */
export async function storeChallenge(
  ctx: ApplianceContext,
  purpose: ChallengePurpose,
  challenge: string,
  binding: ChallengeBinding,
): Promise<string> {
  const repo = challengeRepository(ctx.db);
  const now = ctx.clock.now();
  await repo.pruneExpired(now.toISOString());
  if (purpose === 'sign_in' && (await repo.countLive('sign_in', now.toISOString())) >= MAX_OPEN_SIGN_IN_CHALLENGES)
    throw httpError(429, 'rate_limited', 'Too many passkey sign-ins are open. Try again in a few minutes.');
  const id = crypto.randomBytes(18).toString('base64url');
  await repo.insert({
    id,
    challenge,
    purpose,
    user_id: binding.userId ?? null,
    session_id: binding.sessionId ?? null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PASSKEY_CHALLENGE_TTL_MS).toISOString(),
  });
  return id;
}

export function challengeInvalid(): ReturnType<typeof httpError> {
  return httpError(
    400,
    'passkey_challenge_invalid',
    'This passkey request has expired or was already answered. Start again.',
  );
}

/** Takes the challenge of `attemptId` if it was issued for this purpose and binding and has not expired. */
export async function takeChallenge(
  ctx: ApplianceContext,
  attemptId: string,
  purpose: ChallengePurpose,
  binding: ChallengeBinding,
): Promise<ChallengeRow> {
  const row = await challengeRepository(ctx.db).take(attemptId);
  const fits =
    row !== null &&
    row.purpose === purpose &&
    row.expires_at > ctx.clock.now().toISOString() &&
    (binding.userId === undefined || row.user_id === binding.userId) &&
    (binding.sessionId === undefined || row.session_id === binding.sessionId);
  if (!fits) throw challengeInvalid();
  return row;
}
