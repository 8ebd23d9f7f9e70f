/**
 * Helpers for the issue-3 tests: codes from the test's own TOTP (../support/totp.ts, so the tests do
 * not trust otplib to check otplib), clock alignment, a real SMTP server, 2FA enrolment.
 */
import { SMTPServer } from 'smtp-server';
import { type AddressInfo } from 'node:net';
import { type TestAppliance } from './appliance.js';
import { call } from './api-client.js';
import { base32Decode, independentTotp } from './totp.js';

export { base32Decode, independentTotp };

/** The 6-digit code for the base32 `secret`, `stepOffset` steps away from the appliance's clock. */
export function codeFor(app: TestAppliance, secret: string, stepOffset = 0): string {
  return independentTotp(base32Decode(secret), app.clock.now().getTime() / 1000 + stepOffset * 30);
}

/** Moves the appliance clock to 5 s into the next-but-one step, so no step boundary passes mid-test. */
export function alignClock(app: TestAppliance, extraSteps = 0): void {
  const ms = app.clock.now().getTime();
  const intoStep = ms % 30_000;
  app.clock.advance(30_000 - intoStep + 5_000 + extraSteps * 30_000);
}

/** Sets up and activates 2FA for the token's user; returns the secret and recovery codes. */
export async function enrolTwoFactor(
  app: TestAppliance,
  token: string,
  password: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await call(app, 'POST', '/api/account/two-factor/setup', { token });
  if (setup.status !== 200) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const secret = setup.body.secret as string;
  const act = await call(app, 'POST', '/api/account/two-factor/activate', {
    token,
    body: { current_password: password, code: codeFor(app, secret) },
  });
  if (act.status !== 200) throw new Error(`activate failed: ${act.status} ${JSON.stringify(act.body)}`);
  // The activation code's step is now used: later logins in the test need a newer step.
  app.clock.advance(30_000);
  return { secret, recoveryCodes: act.body.recovery_codes };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
}

/** Decodes the parts of a simple nodemailer message (quoted-printable or base64 bodies). */
function decodeParts(raw: string): { subject: string; text: string; html: string } {
  const subjectLine = (/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '').replace(/\r\n[ \t]/g, ' ');
  // RFC 2047: whitespace between adjacent encoded words is not part of the text.
  const subject = subjectLine.replace(/\?=\s+=\?/g, '?==?').replace(/(?:=\?utf-8\?[BQ]\?[^?]*\?=)+/gi, (run) => {
    const bytes: Buffer[] = [];
    for (const [, enc, data] of run.matchAll(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi)) {
      bytes.push(
        enc!.toUpperCase() === 'B'
          ? Buffer.from(data!, 'base64')
          : Buffer.from(decodeQp(data!.replace(/_/g, ' ')), 'utf8'),
      );
    }
    return Buffer.concat(bytes).toString('utf8');
  });
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [];
  const part = (type: string) => {
    const p = parts.find((x) => new RegExp(`Content-Type: ${type}`, 'i').test(x));
    if (!p) return '';
    const split = p.indexOf('\r\n\r\n');
    const headers = p.slice(0, split);
    const body = p.slice(split + 4).replace(/\r\n$/, '');
    return /Content-Transfer-Encoding: base64/i.test(headers)
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : decodeQp(body);
  };
  return { subject, text: part('text/plain'), html: part('text/html') };
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts. */
export class TestSmtp {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            ...decodeParts(raw),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until a mail matching `pred` arrived (polling; the outbox worker is asynchronous). */
  async waitFor(pred: (m: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.find(pred);
      if (found) return found;
      if (Date.now() > end)
        throw new Error(
          `no matching mail within ${timeoutMs} ms; got: ${this.mails.map((m) => `${m.to.join(',')}: ${m.subject}`).join(' | ')}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
