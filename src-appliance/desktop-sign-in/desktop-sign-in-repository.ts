/**
 * The desktop console's browser sign-in requests and codes (`desktop_sign_ins`): the only code that
 * reads or writes the table. Each change of state is one conditional UPDATE, so a request is
 * decided once and a code is exchanged once however many requests race (on either engine).
 */
import { type Selectable } from 'kysely';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { type DesktopSignInsTable } from './tables.js';

export type DesktopSignInRow = Selectable<DesktopSignInsTable>;
export type NewDesktopSignIn = Pick<
  DesktopSignInRow,
  'id' | 'code_challenge' | 'redirect_uri' | 'state' | 'created_at' | 'expires_at'
>;
export interface Approval {
  userId: number;
  restriction: DesktopSignInRow['restriction'];
  codeHash: string;
  codeExpiresAt: string;
}

export const desktopSignInRepository = defineRepository((db: Db) => ({
  async insert(row: NewDesktopSignIn): Promise<void> {
    await db.insertInto('desktop_sign_ins').values(row).execute();
  },

  /** Forgets requests that expired before `before`. */
  async pruneExpiredBefore(before: string): Promise<void> {
    await db.deleteFrom('desktop_sign_ins').where('expires_at', '<', before).execute();
  },

  /** A request still waiting for the person: not decided, not expired. */
  async findOpen(id: string, now: string): Promise<DesktopSignInRow | null> {
    const row = await db
      .selectFrom('desktop_sign_ins')
      .selectAll()
      .where('id', '=', id)
      .where('decided_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ?? null;
  },

  /** Approves an open request with its code; null when it was decided already or has expired. */
  async approve(id: string, now: string, a: Approval): Promise<DesktopSignInRow | null> {
    const row = await db
      .updateTable('desktop_sign_ins')
      .set({
        decided_at: now,
        user_id: a.userId,
        restriction: a.restriction,
        code_hash: a.codeHash,
        code_expires_at: a.codeExpiresAt,
      })
      .where('id', '=', id)
      .where('decided_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  },

  /** Refuses an open request (the person said no); null when it was decided already or has expired. */
  async deny(id: string, now: string): Promise<DesktopSignInRow | null> {
    const row = await db
      .updateTable('desktop_sign_ins')
      .set({ decided_at: now })
      .where('id', '=', id)
      .where('decided_at', 'is', null)
      .where('expires_at', '>', now)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  },

  /**
   * Spends a code: the row when this is its first exchange attempt, null when the code is unknown
   * or was spent before (see `findByCode`). Any attempt spends it, right or wrong.
   */
  async spendCode(codeHash: string, now: string): Promise<DesktopSignInRow | null> {
    const row = await db
      .updateTable('desktop_sign_ins')
      .set({ exchanged_at: now })
      .where('code_hash', '=', codeHash)
      .where('exchanged_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  },

  async findByCode(codeHash: string): Promise<DesktopSignInRow | null> {
    const row = await db
      .selectFrom('desktop_sign_ins')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    return row ?? null;
  },
}));
