/**
 * Mail that carries a reset link never goes out in clear: `smtps:` is TLS from the first byte,
 * `smtp:` to any host that is not literal loopback requires STARTTLS, and certificates are checked
 * for the URL's host name. The decision is read for remote hosts (no traffic leaves this machine);
 * its effect is shown against real SMTP servers on loopback: one that offers no STARTTLS (or had
 * it stripped), and TLS servers with a self-signed certificate for mail.example.com.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { smtpTransportOptions } from '../../src-appliance/mail/smtp-transport.js';
import { configFromEnv } from '../../src-appliance/config.js';
import { startTestAppliance } from '../support/appliance.js';
import { call } from '../support/api-client.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/smtp-tls');
const CERT = fs.readFileSync(path.join(FIXTURES, 'server.crt'), 'utf8');
const KEY = fs.readFileSync(path.join(FIXTURES, 'server.key'), 'utf8');

interface Received {
  secure: boolean;
  text: string;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function startSmtp(options: SMTPServerOptions): Promise<{ port: number; mails: Received[] }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    ...options,
    onData(stream, session, callback) {
      let text = '';
      stream.on('data', (c: Buffer) => (text += c.toString()));
      stream.on('end', () => {
        mails.push({ secure: session.secure, text });
        callback();
      });
    },
  });
  server.on('error', () => undefined); // a client refusing our certificate is expected in some tests
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.server.address() as AddressInfo).port, mails };
}

/** What the appliance would do for `url`, connected to 127.0.0.1 instead of what the name resolves to. */
function transportAsIf(url: string, ca?: string) {
  return nodemailer.createTransport({ ...smtpTransportOptions(url, { ca }), host: '127.0.0.1' });
}

const MAIL = {
  from: 'appliance@example.com',
  to: 'tech@example.com',
  subject: 'Reset',
  text: 'https://x/reset?token=secret',
};

describe('the decision', () => {
  it.each([
    ['smtp://mail.example.com', { secure: false, requireTLS: true, port: 25 }],
    ['smtp://mail.example.com:587', { secure: false, requireTLS: true, port: 587 }],
    ['smtp://10.0.0.5', { secure: false, requireTLS: true }],
    ['smtp://support.localhost', { secure: false, requireTLS: true }],
    ['smtp://[2001:db8::1]', { secure: false, requireTLS: true, host: '2001:db8::1' }],
    ['smtps://mail.example.com', { secure: true, requireTLS: false, port: 465 }],
    ['smtp://127.0.0.1:2525', { secure: false, requireTLS: false, host: '127.0.0.1' }],
    ['smtp://127.3.4.5', { secure: false, requireTLS: false }],
    ['smtp://localhost', { secure: false, requireTLS: false, host: '127.0.0.1' }],
    ['smtp://[::1]:25', { secure: false, requireTLS: false, host: '::1' }],
  ])('%s', (url, expected) => {
    const options = smtpTransportOptions(url);
    expect(options).toMatchObject(expected);
    expect(options.tls).toMatchObject({ rejectUnauthorized: true, minVersion: 'TLSv1.2' });
  });

  it('checks the certificate for the name in the URL, and takes a CA file', () => {
    expect(smtpTransportOptions('smtp://mail.example.com', { ca: CERT }).tls).toMatchObject({
      servername: 'mail.example.com',
      ca: CERT,
    });
    expect(configFromEnv({ APPLIANCE_SMTP_CA_FILE: 'ca.pem' }).smtpCaFile).toBe(path.resolve('ca.pem'));
  });

  it('only smtp: and smtps: URLs are accepted', () => {
    expect(() => configFromEnv({ APPLIANCE_SMTP_URL: 'http://mail.example.com' })).toThrow(/APPLIANCE_SMTP_URL/);
    expect(() => configFromEnv({ APPLIANCE_SMTP_URL: 'mail.example.com:25' })).toThrow(/APPLIANCE_SMTP_URL/);
    expect(() => smtpTransportOptions('lmtp://mail.example.com')).toThrow(/smtp:\/\/ or smtps:/);
    expect(configFromEnv({ APPLIANCE_SMTP_URL: 'smtps://u:p@mail.example.com' }).smtpUrl).toBe(
      'smtps://u:p@mail.example.com',
    );
  });
});

describe('against real SMTP servers on loopback', () => {
  it('a remote smtp: host that offers no STARTTLS (or had it stripped) gets nothing: the mail is not sent in clear', async () => {
    const smtp = await startSmtp({ disabledCommands: ['STARTTLS', 'AUTH'] });
    const transport = transportAsIf(`smtp://mail.example.com:${smtp.port}`, CERT);
    await expect(transport.sendMail(MAIL)).rejects.toThrow(/STARTTLS/i);
    expect(smtp.mails).toEqual([]);
  });

  it('with STARTTLS and a certificate the appliance trusts, the mail goes over TLS', async () => {
    const smtp = await startSmtp({ key: KEY, cert: CERT, disabledCommands: ['AUTH'] });
    await transportAsIf(`smtp://mail.example.com:${smtp.port}`, CERT).sendMail(MAIL);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.secure).toBe(true);
  });

  it('a certificate nobody vouches for is refused (no system CA signed this one)', async () => {
    const smtp = await startSmtp({ key: KEY, cert: CERT, disabledCommands: ['AUTH'] });
    await expect(transportAsIf(`smtp://mail.example.com:${smtp.port}`).sendMail(MAIL)).rejects.toThrow(/certificate/i);
    expect(smtp.mails).toEqual([]);
  });

  it('a certificate for another name is refused', async () => {
    const smtp = await startSmtp({ key: KEY, cert: CERT, disabledCommands: ['AUTH'] });
    await expect(transportAsIf(`smtp://relay.example.org:${smtp.port}`, CERT).sendMail(MAIL)).rejects.toThrow(
      /altnames|certificate|hostname/i,
    );
    expect(smtp.mails).toEqual([]);
  });

  it('smtps: is TLS from the first byte', async () => {
    const smtp = await startSmtp({ secure: true, key: KEY, cert: CERT, disabledCommands: ['AUTH'] });
    await transportAsIf(`smtps://mail.example.com:${smtp.port}`, CERT).sendMail(MAIL);
    expect(smtp.mails.map((m) => m.secure)).toEqual([true]);
  });

  it('the appliance sends its reset mail over smtps: with APPLIANCE_SMTP_CA_FILE', async () => {
    const smtp = await startSmtp({ secure: true, key: KEY, cert: CERT, disabledCommands: ['AUTH'] });
    const app = await startTestAppliance({
      smtpUrl: `smtps://localhost:${smtp.port}`,
      smtpCaFile: path.join(FIXTURES, 'server.crt'),
    });
    try {
      const admin = (
        await call(app, 'POST', '/api/auth/login', {
          body: { username: 'admin', password: 'Admin-Passw0rd!-long', client: 'console' },
        })
      ).body.token as string;
      await call(app, 'PATCH', '/api/admin/users/1', { token: admin, body: { email_address: 'admin@example.com' } });
      expect(
        (await call(app, 'POST', '/api/auth/password-reset', { body: { username_or_email: 'admin' } })).status,
      ).toBe(202);
      const plain = (m: Received) => m.text.replace(/=\r\n/g, ''); // quoted-printable soft line breaks
      const isReset = (m: Received) => /password-reset\?token=3D/.test(plain(m));
      for (let i = 0; i < 200 && !smtp.mails.some(isReset); i++) await new Promise((r) => setTimeout(r, 50));
      expect(smtp.mails.filter(isReset)).toHaveLength(1);
      // The reset link and the notice of the address change: both over TLS.
      expect(smtp.mails.map((m) => m.secure)).toEqual(smtp.mails.map(() => true));
    } finally {
      await app.close();
    }
  });
});
