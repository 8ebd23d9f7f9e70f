/** A real SMTP server on 127.0.0.1 (smtp-server) that keeps each message's decoded text. */
import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  text: string;
}

/** Undoes quoted-printable soft breaks and =XX escapes (enough to read links back). */
const unQuote = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

export async function startSmtp(): Promise<{
  url: string;
  mails: Mail[];
  waitFor(pred: (m: Mail) => boolean): Promise<Mail>;
  stop(): Promise<void>;
}> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          text: unQuote(Buffer.concat(chunks).toString('latin1')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(pred) {
      for (let i = 0; i < 300; i++) {
        const m = mails.find(pred);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no matching mail; got ${mails.length}`);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
