/**
 * Sign-ins sent to an identity provider (`sso_sign_ins`) and the provider accounts linked to users
 * (`user_identities`): the only code that reads or writes these tables. A sign-in comes back once:
 * spending it is one conditional UPDATE, so a replayed callback finds it spent on any node.
 */
import { type Insertable, type Selectable } from 'kysely';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { type SsoSignInsTable } from './tables.js';

export type SsoSignInRow = Selectable<SsoSignInsTable>;

export const ssoSignInRepository = defineRepository((db: Db) => ({
  async insert(row: Insertable<SsoSignInsTable>): Promise<void> {
    await db.insertInto('sso_sign_ins').values(row).execute();
  },

  async pruneExpiredBefore(before: string): Promise<void> {
    await db.deleteFrom('sso_sign_ins').where('expires_at', '<', before).execute();
  },

  /** Spends a sign-in still waiting (not spent, not expired); null otherwise. */
  async spend(stateHash: string, now: string): Promise<SsoSignInRow | null> {
    const row = await db
      .updateTable('sso_sign_ins')
      .set({ used_at: now })
      .where('state_hash', '=', stateHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  },

  /** The user this provider account is, when it was linked before. */
  async linkedUser(providerId: number, subject: string): Promise<number | null> {
    const row = await db
      .selectFrom('user_identities')
      .select('user_id')
      .where('provider_id', '=', providerId)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row?.user_id ?? null;
  },

  /** Links the provider account to the user (once), and notes the sign-in. */
  async recordSignIn(providerId: number, subject: string, userId: number, now: string): Promise<void> {
    await db
      .insertInto('user_identities')
      .values({ provider_id: providerId, subject, user_id: userId, created_at: now, last_sign_in_at: now })
      .onConflict((oc) => oc.columns(['provider_id', 'subject']).doUpdateSet({ last_sign_in_at: now }))
      .execute();
  },

  /** The provider the user last signed in with, if any. */
  async providerOf(userId: number): Promise<{ id: number; name: string } | null> {
    const row = await db
      .selectFrom('user_identities')
      .innerJoin('identity_providers', 'identity_providers.id', 'user_identities.provider_id')
      .select(['identity_providers.id as id', 'identity_providers.name as name'])
      .where('user_identities.user_id', '=', userId)
      .orderBy('user_identities.last_sign_in_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ?? null;
  },
}));
