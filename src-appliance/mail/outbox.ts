/**
 * Putting mail into the outbox. Callers never talk to SMTP: they add a row and the worker delivers
 * it (./mail-worker.ts).
 */
import { type ApplianceContext } from '../context.js';
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
  const id = await outboxRepository(ctx.db).enqueue(mail, ctx.clock.now().toISOString());
  wakers.get(ctx)?.();
  return id;
}
