/**
 * How the appliance talks to its SMTP server (APPLIANCE_SMTP_URL). Mail carries reset links, so it
 * never travels in clear beyond this machine:
 *   - `smtps://host[:465]`: TLS from the first byte;
 *   - `smtp://host[:25]` to any host that is not literal loopback: STARTTLS is required
 *     (`requireTLS`): a server that does not offer it, or a downgrade that strips it, fails the
 *     delivery, and the mail waits in the outbox;
 *   - `smtp://` to literal loopback (a local relay; `localhost` is connected as 127.0.0.1, never
 *     asked of DNS): as the relay offers.
 * Certificates are verified against the system's CAs, or APPLIANCE_SMTP_CA_FILE's, for the URL's
 * host name; TLS 1.2 at least.
 */
import { isIP } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { type Options as SmtpOptions } from 'nodemailer/lib/smtp-transport/index.js';
import { isLoopbackHost } from '../../src-shared/install-options.js';

export interface SmtpTls {
  /** PEM of the CA(s) to trust instead of the system's (an internal mail server). */
  ca?: string;
}

export function smtpTransportOptions(smtpUrl: string, tls: SmtpTls = {}): SmtpOptions {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error(`APPLIANCE_SMTP_URL must be smtp:// or smtps://, not ${url.protocol}//`);
  const secure = url.protocol === 'smtps:';
  const loopback = isLoopbackHost(url.hostname);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const host = hostname === 'localhost' ? '127.0.0.1' : hostname;
  return {
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 25,
    secure,
    requireTLS: !secure && !loopback,
    tls: {
      minVersion: 'TLSv1.2',
      rejectUnauthorized: true,
      // The name the certificate must carry (nodemailer would take the connected address).
      ...(isIP(hostname) ? {} : { servername: hostname }),
      ...(tls.ca ? { ca: tls.ca } : {}),
    },
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

export function transportFromUrl(smtpUrl: string, tls: SmtpTls = {}): Transporter {
  return nodemailer.createTransport(smtpTransportOptions(smtpUrl, tls));
}
