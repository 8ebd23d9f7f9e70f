/**
 * The durable mail outbox (`mail_outbox`): the only code that reads or writes it. Workers lease a
 * due mail before sending it (`leaseDue`): one conditional UPDATE, so on either engine two workers
 * never hold the same mail; a lease whose worker died runs out and the mail is leased again.
 */
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { isPostgres } from '../db/transaction.js';
import './tables.js';

export interface NewOutboxMail {
  kind: string;
  to: string;
  language: string;
  subject: string;
  text: string;
  html: string;
}

export interface LeasedMail {
  id: number;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

export const outboxRepository = defineRepository((db: Db) => ({
  async enqueue(mail: NewOutboxMail, now: string): Promise<number> {
    const row = await db
      .insertInto('mail_outbox')
      .values({
        kind: mail.kind,
        to_address: mail.to,
        language: mail.language,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        created_at: now,
        next_attempt_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  /**
   * Leases the oldest mail that is due and not leased by anyone, until `until`, for `owner`; null
   * when there is none. SQLite runs the pick and the update as one write (one writer at a time).
   * On PostgreSQL the pick locks its row `FOR UPDATE SKIP LOCKED`: a worker passes over the mail
   * another one is leasing at this moment and takes the next, instead of waiting for that commit
   * and then finding nothing. The lease condition is checked again on the row it updates.
   */
  async leaseDue(now: string, until: string, owner: string): Promise<LeasedMail | null> {
    const postgres = isPostgres(db);
    const row = await db
      .updateTable('mail_outbox')
      .set({ leased_until: until, lease_owner: owner })
      .where('id', '=', (eb) =>
        eb
          .selectFrom('mail_outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('gave_up_at', 'is', null)
          .where('next_attempt_at', '<=', now)
          .where((w) => w.or([w('leased_until', 'is', null), w('leased_until', '<=', now)]))
          .orderBy('id')
          .limit(1)
          .$if(postgres, (pick) => pick.forUpdate().skipLocked()),
      )
      .where('sent_at', 'is', null)
      .where('gave_up_at', 'is', null)
      .where((w) => w.or([w('leased_until', 'is', null), w('leased_until', '<=', now)]))
      .returning(['id', 'to_address', 'subject', 'text_body', 'html_body', 'attempts'])
      .executeTakeFirst();
    return row ?? null;
  },

  async markSent(id: number, owner: string, at: string, messageId: string): Promise<void> {
    await db
      .updateTable('mail_outbox')
      .set((eb) => ({
        sent_at: at,
        attempts: eb('attempts', '+', 1),
        message_id: messageId,
        last_error: null,
        leased_until: null,
        lease_owner: null,
      }))
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  },

  /** A failed attempt: the next one at `next`, or given up. Only while `owner` still holds the lease. */
  async markFailed(
    id: number,
    owner: string,
    failure: { attempts: number; next: string; error: string; gaveUpAt: string | null },
  ): Promise<void> {
    await db
      .updateTable('mail_outbox')
      .set({
        attempts: failure.attempts,
        next_attempt_at: failure.next,
        last_error: failure.error,
        gave_up_at: failure.gaveUpAt,
        leased_until: null,
        lease_owner: null,
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  },

  /** Mails not yet sent nor given up. */
  async pendingCount(): Promise<number> {
    const row = await db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sent_at', 'is', null)
      .where('gave_up_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
}));
