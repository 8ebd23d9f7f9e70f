/**
 * Delivers the outbox over SMTP (nodemailer). One delivery loop per appliance, one mail at a time,
 * so a row is never handed to SMTP twice at once. A failed attempt waits 5 s, 10 s, 20 s, ... (at
 * most an hour) on the appliance clock; after MAX_ATTEMPTS it is given up and logged.
 */
import { type Transporter } from 'nodemailer';
import { type ApplianceContext } from '../context.js';
import { onMailQueued } from './outbox.js';

export const MAX_ATTEMPTS = 30;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60 * 60_000;
/** The loop looks at the clock at least this often while mail is waiting (the clock may be moved). */
const POLL_MS = 1_000;

interface DueRow {
  id: number;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export class MailWorker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly ctx: ApplianceContext,
    private readonly transport: Transporter,
  ) {
    onMailQueued(ctx, () => this.wake());
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
    try {
      do {
        this.again = false;
        for (const row of this.due()) {
          if (this.stopped) break;
          await this.deliver(row);
        }
      } while (this.again && !this.stopped);
    } catch (err) {
      this.ctx.log.error({ err }, 'mail outbox loop failed');
    } finally {
      this.running = false;
    }
    if (!this.stopped && this.pending() > 0) this.schedule(POLL_MS);
  }

  private due(): DueRow[] {
    return this.ctx.sqlite
      .prepare(
        `SELECT id, to_address, subject, text_body, html_body, attempts FROM mail_outbox
        WHERE sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT 50`,
      )
      .all(this.ctx.clock.now().toISOString()) as DueRow[];
  }

  private pending(): number {
    return (
      this.ctx.sqlite
        .prepare('SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL AND gave_up_at IS NULL')
        .get() as { n: number }
    ).n;
  }

  private async deliver(row: DueRow): Promise<void> {
    try {
      const info = await this.transport.sendMail({
        from: this.ctx.config.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Appliance-Mail-Id': String(row.id) },
      });
      this.ctx.sqlite
        .prepare(
          'UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, message_id = ?, last_error = NULL WHERE id = ?',
        )
        .run(this.ctx.clock.now().toISOString(), String(info.messageId ?? ''), row.id);
    } catch (err) {
      const attempts = row.attempts + 1;
      const now = this.ctx.clock.now();
      const next = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
      const gaveUp = attempts >= MAX_ATTEMPTS ? now.toISOString() : null;
      this.ctx.sqlite
        .prepare(
          'UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, gave_up_at = ? WHERE id = ?',
        )
        .run(attempts, next, String((err as Error).message ?? err).slice(0, 500), gaveUp, row.id);
      this.ctx.log.warn(
        { mailId: row.id, attempts, err: (err as Error).message },
        gaveUp ? 'mail given up' : 'mail delivery failed; will retry',
      );
    }
  }
}
