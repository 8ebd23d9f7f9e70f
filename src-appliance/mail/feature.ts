/**
 * Outgoing mail: the outbox worker (when APPLIANCE_SMTP_URL is set; otherwise mail waits in the
 * outbox until it is) and the security notices.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import fs from 'node:fs';
import { MailWorker } from './mail-worker.js';
import { transportFromUrl } from './smtp-transport.js';
import { installSecurityNotices } from './security-notices.js';

export const name = 'mail';
export const dependencies = [] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  installSecurityNotices(ctx);
  if (!ctx.config.smtpUrl) {
    ctx.log.warn('APPLIANCE_SMTP_URL is not set: mail is kept in the outbox and not sent');
    return;
  }
  const ca = ctx.config.smtpCaFile ? fs.readFileSync(ctx.config.smtpCaFile, 'utf8') : undefined;
  const worker = new MailWorker(ctx, transportFromUrl(ctx.config.smtpUrl, { ca }));
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
}
