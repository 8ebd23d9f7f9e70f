/**
 * Ceremony challenges (`passkey_challenges`): the only code that reads or writes them. A challenge
 * is taken by deleting it, so it is answered once, whichever process or node the answer reaches.
 */
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { type ChallengePurpose, type PasskeyChallengesTable } from './tables.js';
import './tables.js';

export type ChallengeRow = PasskeyChallengesTable;

export const challengeRepository = defineRepository((db: Db) => ({
  async insert(row: ChallengeRow): Promise<void> {
    await db.insertInto('passkey_challenges').values(row).execute();
  },

  /** Deletes and returns the challenge `id`, or null when there is none (never issued, answered, pruned). */
  async take(id: string): Promise<ChallengeRow | null> {
    return (await db.deleteFrom('passkey_challenges').where('id', '=', id).returningAll().executeTakeFirst()) ?? null;
  },

  async pruneExpired(now: string): Promise<void> {
    await db.deleteFrom('passkey_challenges').where('expires_at', '<=', now).execute();
  },

  async countLive(purpose: ChallengePurpose, now: string): Promise<number> {
    const row = await db
      .selectFrom('passkey_challenges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('purpose', '=', purpose)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
}));
