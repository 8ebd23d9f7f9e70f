/**
 * The site's identity providers (`identity_providers`): the only code that reads or writes the
 * table. The client secret is stored sealed with the site key, bound to the row's id.
 */
import { type Insertable, type Selectable, type Updateable } from 'kysely';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { inTransaction } from '../db/transaction.js';
import { type IdentityProvidersTable } from './tables.js';

export type IdentityProviderRow = Selectable<IdentityProvidersTable>;
export type NewIdentityProvider = Omit<Insertable<IdentityProvidersTable>, 'id' | 'client_secret_sealed'>;
export type IdentityProviderChanges = Omit<Updateable<IdentityProvidersTable>, 'id'>;

export const identityProviderRepository = defineRepository((db: Db) => ({
  async list(): Promise<IdentityProviderRow[]> {
    return db.selectFrom('identity_providers').selectAll().orderBy('name').orderBy('id').execute();
  },

  async listEnabled(): Promise<Pick<IdentityProviderRow, 'id' | 'name'>[]> {
    return db
      .selectFrom('identity_providers')
      .select(['id', 'name'])
      .where('enabled', '=', 1)
      .orderBy('name')
      .orderBy('id')
      .execute();
  },

  async findById(id: number): Promise<IdentityProviderRow | null> {
    return (await db.selectFrom('identity_providers').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  },

  /** Inserts the provider and seals its secret for the id it got; the row. */
  async insert(row: NewIdentityProvider, seal: (id: number) => string): Promise<IdentityProviderRow> {
    return inTransaction(db, async (trx) => {
      const { id } = await trx
        .insertInto('identity_providers')
        .values({ ...row, client_secret_sealed: '' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return trx
        .updateTable('identity_providers')
        .set({ client_secret_sealed: seal(id) })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  },

  /** The row after the change, or null when there is no such provider. */
  async update(id: number, changes: IdentityProviderChanges): Promise<IdentityProviderRow | null> {
    const row = await db
      .updateTable('identity_providers')
      .set(changes)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  },

  async delete(id: number): Promise<boolean> {
    const gone = await db.deleteFrom('identity_providers').where('id', '=', id).returning('id').executeTakeFirst();
    return gone !== undefined;
  },
}));
