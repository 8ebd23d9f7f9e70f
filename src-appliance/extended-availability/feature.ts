/**
 * Extended availability (PATCH /api/account `extended_availability_enabled`, stored by the core).
 * Each enabling is announced by mail with the site URL and a one-click disable link that works
 * once without logging in: `GET /api/extended-availability/disable?token=…`.
 */
import Type from 'typebox';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { errorResponses } from '../http/schema-helpers.js';
import { httpError } from '../http/api-error.js';
import { userRepository } from '../users/user-repository.js';
import { inTransaction } from '../db/transaction.js';
import { availabilityLinkRepository } from './availability-link-repository.js';
import { renderMailFor } from '../mail/send-to-user.js';
import { enqueueMailIn, mailQueued } from '../mail/outbox.js';
import { makeDisableToken, newNonce, readDisableToken } from './disable-link.js';
import { disabledPage } from './disabled-page.js';

export function disableLink(ctx: ApplianceContext, token: string): string {
  return `${ctx.publicUrl()}/api/extended-availability/disable?token=${encodeURIComponent(token)}`;
}

/**
 * Compares the user's flag with what was last announced: a fresh enabling gets a new nonce and a
 * mail; a disabling forgets the nonce (so an old link cannot be used for a later enabling).
 */
async function reconcile(ctx: ApplianceContext, userId: number): Promise<void> {
  const user = await userRepository(ctx.db).findById(userId);
  if (!user) return;
  const enabled = user.extended_availability_enabled === 1;
  const now = ctx.clock.now().toISOString();
  const nonce = enabled ? newNonce() : null;
  const mail = nonce
    ? await renderMailFor(ctx, user, 'extended_availability_enabled', {
        disable_link: disableLink(ctx, makeDisableToken(ctx, userId, nonce)),
      })
    : null;
  // The announcement and its mail in one transaction: an enabling stored as announced without its
  // mail would never be mailed (the next reconcile sees nothing new).
  const queued = await inTransaction(ctx.db, async (trx) => {
    if (!(await availabilityLinkRepository(trx).announce(userId, enabled, nonce, now))) return false;
    if (mail) await enqueueMailIn(ctx, trx, mail);
    return mail !== null;
  });
  if (queued) mailQueued(ctx);
}

export const name = 'extended-availability';
export const dependencies = ['account', 'mail'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  ctx.domain.on('account.changed', ({ userId }) => reconcile(ctx, userId));

  app.get(
    '/api/extended-availability/disable',
    {
      schema: {
        tags: ['account'],
        summary: 'One-click link from the enabling mail: turns extended availability off, once, without login.',
        querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const invalid = () => httpError(400, 'token_invalid', 'This link is invalid or was already used.');
      const parsed = readDisableToken(ctx, request.query.token);
      if (!parsed) throw invalid();
      const now = ctx.clock.now().toISOString();
      // The link is spent and the flag cleared together, or neither.
      const used = await inTransaction(ctx.db, async (trx) => {
        if (!(await availabilityLinkRepository(trx).spendDisableNonce(parsed.userId, parsed.nonce, now))) return false;
        await userRepository(trx).update(parsed.userId, { extended_availability_enabled: 0, updated_at: now });
        return true;
      });
      if (!used) throw invalid();
      ctx.domain.emit('account.changed', { userId: parsed.userId });
      const user = await userRepository(ctx.db).findById(parsed.userId);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'")
        .send(disabledPage(user?.preferred_email_language ?? null, ctx.config.siteName));
    },
  );
}
