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
import { findUserById } from '../users/user-store.js';
import { mailUser } from '../mail/send-to-user.js';
import { makeDisableToken, newNonce, readDisableToken } from './disable-link.js';
import { disabledPage } from './disabled-page.js';

interface LinkRow {
  announced: number;
  disable_nonce: string | null;
}

export function disableLink(ctx: ApplianceContext, token: string): string {
  return `${ctx.publicUrl()}/api/extended-availability/disable?token=${encodeURIComponent(token)}`;
}

/**
 * Compares the user's flag with what was last announced: a fresh enabling gets a new nonce and a
 * mail; a disabling forgets the nonce (so an old link cannot be used for a later enabling).
 */
async function reconcile(ctx: ApplianceContext, userId: number): Promise<void> {
  const user = await findUserById(ctx, userId);
  if (!user) return;
  const enabled = user.extended_availability_enabled === 1;
  const now = ctx.clock.now().toISOString();
  const nonce = ctx.sqlite
    .transaction((): string | null => {
      const row = ctx.sqlite
        .prepare('SELECT announced, disable_nonce FROM extended_availability_links WHERE user_id = ?')
        .get(userId) as LinkRow | undefined;
      const announced = row?.announced === 1;
      if (enabled === announced) return null;
      const next = enabled ? newNonce() : null;
      ctx.sqlite
        .prepare(
          `INSERT INTO extended_availability_links (user_id, announced, disable_nonce, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(user_id) DO UPDATE SET announced = excluded.announced, disable_nonce = excluded.disable_nonce, updated_at = excluded.updated_at`,
        )
        .run(userId, enabled ? 1 : 0, next, now);
      return next;
    })
    .immediate();
  if (nonce)
    await mailUser(ctx, user, 'extended_availability_enabled', {
      disable_link: disableLink(ctx, makeDisableToken(ctx, userId, nonce)),
    });
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
      const used = ctx.sqlite
        .transaction(() => {
          const spent = ctx.sqlite
            .prepare(
              'UPDATE extended_availability_links SET announced = 0, disable_nonce = NULL, updated_at = ? WHERE user_id = ? AND disable_nonce = ?',
            )
            .run(now, parsed.userId, parsed.nonce);
          if (spent.changes !== 1) return false;
          ctx.sqlite
            .prepare('UPDATE users SET extended_availability_enabled = 0, updated_at = ? WHERE id = ?')
            .run(now, parsed.userId);
          return true;
        })
        .immediate();
      if (!used) throw invalid();
      ctx.domain.emit('account.changed', { userId: parsed.userId });
      const user = await findUserById(ctx, parsed.userId);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'")
        .send(disabledPage(user?.preferred_email_language ?? null, ctx.config.siteName));
    },
  );
}
