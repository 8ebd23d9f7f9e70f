/**
 * Lockout counts for usernames that do not exist (`login_decoys`). Without them only real accounts
 * ever answer `423 account_locked`, and a few wrong passwords tell an attacker which names are
 * real (ASVS 6.3.8). A decoy counts with the same counter as an account (./lock-counter.ts); its
 * attempts always fail, so it is never settled or released. Rows untouched for a while are pruned
 * so random names cannot pile up.
 */
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { type LockPolicy, notLocked, type Reservation, reserveChanges } from './lock-counter.js';

const LOCK_COLUMNS = ['failed_login_count', 'lockout_seq', 'locked_until', 'locked_by_admin_only'] as const;

export const loginDecoyRepository = defineRepository((db: Db) => ({
  async lockState(name: string): Promise<Reservation | null> {
    return (
      (await db.selectFrom('login_decoys').select(LOCK_COLUMNS).where('name', '=', name).executeTakeFirst()) ?? null
    );
  },

  /** Counts one attempt for the name (the first creates its row); null while the name is locked. */
  async reserveAttempt(name: string, policy: LockPolicy): Promise<Reservation | null> {
    const fills = 1 >= policy.limit;
    const row = await db
      .insertInto('login_decoys')
      .values({
        name,
        failed_login_count: 1,
        lockout_seq: 1,
        locked_until: fills ? policy.until : null,
        locked_by_admin_only: fills ? policy.adminOnly : 0,
        updated_at: policy.now,
      })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({ ...reserveChanges(eb, 'login_decoys', policy), updated_at: policy.now }))
          .where((eb) => notLocked(eb, 'login_decoys', policy)),
      )
      .returning(LOCK_COLUMNS)
      .executeTakeFirst();
    return row ?? null;
  },

  async pruneUntouchedSince(before: string): Promise<void> {
    await db.deleteFrom('login_decoys').where('updated_at', '<', before).execute();
  },
}));
