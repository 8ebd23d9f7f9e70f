/**
 * Putting mail into the outbox. Callers never talk to SMTP: they add a row and the worker delivers
 * it (./mail-worker.ts).
 */
import { type ApplianceContext } from '../context.js';
import { type Db } from '../db/engine.js';
import { type RenderedMail } from './templates.js';
import { outboxRepository } from './outbox-repository.js';

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

export async function enqueueMail(ctx: ApplianceContext, mail: OutboxMail): Promise<number> {
  const id = await enqueueMailIn(ctx, ctx.db, mail);
  mailQueued(ctx);
  return id;
}

/**
 * Queues in the caller's transaction `trx`, so the mail exists exactly when the record it is about
 * does; call mailQueued(ctx) once the transaction has committed (before, the worker cannot see it).
 */
export function enqueueMailIn(ctx: ApplianceContext, trx: Db, mail: OutboxMail): Promise<number> {
  return outboxRepository(trx).enqueue(mail, ctx.clock.now().toISOString());
}

/** Tells this process's worker that mail was queued. */
export function mailQueued(ctx: ApplianceContext): void {
  wakers.get(ctx)?.();
}
