/** The customer client's elevation rules (`customer_client_settings`): the only code that reads or writes them. */
import { type CustomerClientPatch, type CustomerClientSettings } from '../../src-shared/api/customer-client.js';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { type CustomerClientSettingsTable } from './tables.js';
import './tables.js';

const view = (row: CustomerClientSettingsTable): CustomerClientSettings => ({
  elevate_automatically: row.elevate_automatically === 1,
  elevate_on_request: row.elevate_on_request === 1,
  updated_at: row.updated_at,
});

export const customerClientRepository = defineRepository((db: Db) => ({
  /** The rules (the migration wrote the row). */
  async get(): Promise<CustomerClientSettings> {
    return view(
      await db.selectFrom('customer_client_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow(),
    );
  },

  /** Sets the given rules; the rules as stored. */
  async update(patch: CustomerClientPatch, at: string): Promise<CustomerClientSettings> {
    const set: Partial<CustomerClientSettingsTable> = { updated_at: at };
    if (patch.elevate_automatically !== undefined) set.elevate_automatically = patch.elevate_automatically ? 1 : 0;
    if (patch.elevate_on_request !== undefined) set.elevate_on_request = patch.elevate_on_request ? 1 : 0;
    await db.updateTable('customer_client_settings').set(set).where('id', '=', 1).execute();
    return this.get();
  },
}));
