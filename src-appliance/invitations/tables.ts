/** Kysely type of the invitations (SQL in db/migrations/104-availability-invitations.ts). */
export interface InvitationsTable {
  id: string;
  from_user_id: number;
  to_user_id: number;
  message: string | null;
  delivered_by: 'console' | 'email';
  created_at: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    invitations: InvitationsTable;
  }
}
