/**
 * Putting mail into the outbox. Callers never talk to SMTP: they insert a row (in their own
 * transaction if they like) and the worker delivers it (./mail-worker.ts).
 */
import { type ApplianceContext } from '../context.js';
import { type RenderedMail } from './templates.js';

export interface OutboxMail extends RenderedMail {
  kind: string;
  to: string;
  language: string;
}

const wakers = new WeakMap<ApplianceContext, () => void>();

/** The worker registers here so a new mail is tried at once rather than at its next poll. */
export function onMailQueued(ctx: ApplianceContext, wake: () => void): void {
  wakers.set(ctx, wake);
}

export function enqueueMail(ctx: ApplianceContext, mail: OutboxMail): number {
  const now = ctx.clock.now().toISOString();
  const result = ctx.sqlite
    .prepare(
      `INSERT INTO mail_outbox (kind, to_address, language, subject, text_body, html_body, created_at, next_attempt_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(mail.kind, mail.to, mail.language, mail.subject, mail.text, mail.html, now, now);
  wakers.get(ctx)?.();
  return Number(result.lastInsertRowid);
}
