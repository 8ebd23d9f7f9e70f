/** Passkeys and WebAuthn user handles (`passkeys`, `passkey_user_handles`): the only code that reads or writes them. */
import crypto from 'node:crypto';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { type PasskeysTable } from './tables.js';
import './tables.js';

export type PasskeyRow = PasskeysTable;

export const passkeyRepository = defineRepository((db: Db) => ({
  async listForUser(userId: number): Promise<PasskeyRow[]> {
    return db.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  },

  async countForUser(userId: number): Promise<number> {
    const row = await db
      .selectFrom('passkeys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async findByCredentialId(credentialId: string): Promise<PasskeyRow | null> {
    return (
      (await db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst()) ?? null
    );
  },

  async insert(row: PasskeyRow): Promise<void> {
    await db.insertInto('passkeys').values(row).execute();
  },

  /** Null when the user has no passkey with this id. */
  async rename(userId: number, id: string, name: string): Promise<PasskeyRow | null> {
    return (
      (await db
        .updateTable('passkeys')
        .set({ name })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirst()) ?? null
    );
  },

  async delete(userId: number, id: string): Promise<boolean> {
    const gone = await db
      .deleteFrom('passkeys')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning('id')
      .execute();
    return gone.length > 0;
  },

  /**
   * Records a sign-in with counter `counter`, only if the counter moved forward (or both it and the
   * stored one are 0: an authenticator that does not count) and the passkey is not flagged. One
   * statement, so two sign-ins racing with the same counter cannot both pass.
   */
  async recordUse(id: string, use: { counter: number; backedUp: boolean; at: string }): Promise<boolean> {
    const done = await db
      .updateTable('passkeys')
      .set({ counter: use.counter, backed_up: use.backedUp ? 1 : 0, last_used_at: use.at })
      .where('id', '=', id)
      .where('flagged_at', 'is', null)
      .where((eb) => (use.counter === 0 ? eb('counter', '=', 0) : eb('counter', '<', use.counter)))
      .returning('id')
      .execute();
    return done.length === 1;
  },

  /** False when it was flagged already. */
  async flag(id: string, at: string): Promise<boolean> {
    const done = await db
      .updateTable('passkeys')
      .set({ flagged_at: at })
      .where('id', '=', id)
      .where('flagged_at', 'is', null)
      .returning('id')
      .execute();
    return done.length === 1;
  },

  /** The user's WebAuthn user handle, made on first use. */
  async userHandle(userId: number): Promise<string> {
    await db
      .insertInto('passkey_user_handles')
      .values({ user_id: userId, handle: crypto.randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    const row = await db
      .selectFrom('passkey_user_handles')
      .select('handle')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.handle;
  },

  async userIdForHandle(handle: string): Promise<number | null> {
    const row = await db
      .selectFrom('passkey_user_handles')
      .select('user_id')
      .where('handle', '=', handle)
      .executeTakeFirst();
    return row?.user_id ?? null;
  },
}));
