/** Kysely type of the mail outbox (SQL in db/migrations/102-mail-outbox.ts, 105-mail-leases.ts). */
import { type Generated } from 'kysely';

export interface MailOutboxTable {
  id: Generated<number>;
  kind: string;
  to_address: string;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  /** Set once the SMTP server accepted the mail. */
  sent_at: string | null;
  message_id: string | null;
  gave_up_at: string | null;
  /** While set and in the future, the worker `lease_owner` is sending it (nobody else takes it). */
  leased_until: string | null;
  lease_owner: string | null;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    mail_outbox: MailOutboxTable;
  }
}
