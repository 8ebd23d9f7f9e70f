/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that keeps every message it accepts, with the
 * subject, text and HTML parts decoded so tests can read links and wording back.
 */
import { SMTPServer } from 'smtp-server';
import { type AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
}

/** The outbox row a delivered mail came from (the worker's `X-Appliance-Mail-Id` header). */
export function mailIdOf(m: ReceivedMail): number {
  return Number(/^X-Appliance-Mail-Id: (\d+)/im.exec(m.raw)?.[1]);
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
  private readonly held = new Map<string, () => void>();
  port = 0;

  /**
   * The next delivery to `address` stalls at RCPT TO and is never answered (its sender is to be
   * killed mid-conversation); resolves once a sender got there. Later deliveries go through.
   */
  holdNextTo(address: string): Promise<void> {
    return new Promise((resolve) => this.held.set(address.toLowerCase(), resolve));
  }

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const reached = this.held.get(address.address.toLowerCase());
        if (!reached) return callback();
        this.held.delete(address.address.toLowerCase());
        reached();
      },
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
