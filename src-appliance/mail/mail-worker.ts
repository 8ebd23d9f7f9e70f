/**
 * Delivers the outbox over SMTP (nodemailer). One delivery loop per appliance, one mail at a time,
 * each leased first (./outbox-repository.ts), so a row is never handed to SMTP twice at once, also
 * by several workers on one database. Each worker looks at the outbox when its process queues a
 * mail, when another process changed the database, and every second while mail is waiting (which
 * is how a dead worker's mail is taken over once its lease has run out). A failed attempt waits
 * 5 s, 10 s, 20 s, ... (at most an hour) on the appliance clock; after MAX_ATTEMPTS it is given up
 * and logged.
 */
import crypto from 'node:crypto';
import { type Transporter } from 'nodemailer';
import { type ApplianceContext } from '../context.js';
import { onMailQueued } from './outbox.js';
import { type LeasedMail, outboxRepository } from './outbox-repository.js';

export const MAX_ATTEMPTS = 30;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60 * 60_000;
/** The loop looks at the clock at least this often while mail is waiting (the clock may be moved). */
const POLL_MS = 1_000;

/**
 * How long a leased mail stays with this worker: longer than one SMTP attempt can take (connection
 * 10 s + greeting 10 s + socket 30 s). A worker that dies holding it delays that mail by at most this.
 */
export const LEASE_MS = 2 * 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export class MailWorker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private readonly owner = crypto.randomUUID();
  private readonly outbox;
  private readonly stopChanges: () => void;

  constructor(
    private readonly ctx: ApplianceContext,
    private readonly transport: Transporter,
  ) {
    this.outbox = outboxRepository(ctx.db);
    onMailQueued(ctx, () => this.wake());
    // Mail queued by another process, or a lease another worker gave up: this worker looks too.
    this.stopChanges = ctx.changes.onChangedElsewhere(() => this.wake());
  }

  start(): void {
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopChanges();
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
    this.transport.close();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    let pending: number;
    try {
      do {
        this.again = false;
        while (!this.stopped) {
          const now = this.ctx.clock.now();
          const until = new Date(now.getTime() + LEASE_MS).toISOString();
          const mail = await this.outbox.leaseDue(now.toISOString(), until, this.owner);
          if (!mail) break;
          await this.deliver(mail);
        }
      } while (this.again && !this.stopped);
      pending = await this.outbox.pendingCount();
    } catch (err) {
      this.ctx.log.error({ err }, 'mail outbox loop failed');
      pending = 1;
    } finally {
      this.running = false;
    }
    if (!this.stopped && pending > 0) this.schedule(POLL_MS);
  }

  private async deliver(mail: LeasedMail): Promise<void> {
    try {
      const info = await this.transport.sendMail({
        from: this.ctx.config.mailFrom,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Appliance-Mail-Id': String(mail.id) },
      });
      await this.outbox.markSent(mail.id, this.owner, this.ctx.clock.now().toISOString(), String(info.messageId ?? ''));
    } catch (err) {
      const attempts = mail.attempts + 1;
      const now = this.ctx.clock.now();
      const gaveUpAt = attempts >= MAX_ATTEMPTS ? now.toISOString() : null;
      await this.outbox.markFailed(mail.id, this.owner, {
        attempts,
        next: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
        error: String((err as Error).message ?? err).slice(0, 500),
        gaveUpAt,
      });
      this.ctx.log.warn(
        { mailId: mail.id, attempts, err: (err as Error).message },
        gaveUpAt ? 'mail given up' : 'mail delivery failed; will retry',
      );
    }
  }
}
