/** Sent invitations (`invitations`): the only code that touches the table. */
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { type InvitationsTable } from './tables.js';

export const invitationRepository = defineRepository((db: Db) => ({
  async insert(row: InvitationsTable): Promise<void> {
    await db.insertInto('invitations').values(row).execute();
  },
}));
