/**
 * Password reset (site setting `password_reset_enabled`). The request always answers 202 whether
 * or not an account matched (no enumeration); it is limited per client address (429) and, silently,
 * per account. Confirming sets the password under the site policy, ends every session, and never
 * touches two-factor: the next login still needs the code.
 */
import Type from 'typebox';
import { PasswordResetConfirm, PasswordResetRequest } from '../../src-shared/api/auth.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { errorResponses } from '../http/schema-helpers.js';
import { httpError } from '../http/api-error.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { hasLocalPassword } from '../auth/sso-policy.js';
import { applyNewPassword, checkNewPassword } from '../account/password-change.js';
import { renderMailFor } from '../mail/send-to-user.js';
import { enqueueMailIn, mailQueued } from '../mail/outbox.js';
import { inTransaction } from '../db/transaction.js';
import {
  newResetToken,
  peekResetToken,
  recentRequests,
  RESET_VALID_HOURS,
  spendResetToken,
  storeResetToken,
} from './reset-tokens.js';
import { WindowLimiter } from './rate-limit.js';

const PER_ADDRESS_LIMIT = 10;
const PER_ADDRESS_WINDOW_MS = 15 * 60_000;
const PER_ACCOUNT_PER_HOUR = 3;

export function resetLink(ctx: ApplianceContext, token: string): string {
  // In the fragment, so the token never reaches server logs or a Referer header.
  return `${ctx.publicUrl()}/console/#/password-reset?token=${encodeURIComponent(token)}`;
}

/**
 * Who may be mailed a link: a person who signs in only through the identity provider has no
 * password here, and a reset must not give them one (the provider's "off" would no longer hold).
 */
const resettable = (users: UserRow[]): UserRow[] => users.filter(hasLocalPassword);

export function registerPasswordResetRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const perAddress = new WindowLimiter(ctx.clock, PER_ADDRESS_LIMIT, PER_ADDRESS_WINDOW_MS);

  const ensureEnabled = async () => {
    if (!(await getSecuritySettings(ctx)).password_reset_enabled)
      throw httpError(403, 'forbidden', 'Password reset is turned off on this site.');
  };

  app.post(
    '/api/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Mail a password-reset link (always 202).',
        body: PasswordResetRequest,
        response: { 202: Type.Null(), ...errorResponses(400, 403, 429) },
      },
    },
    async (request, reply) => {
      await ensureEnabled();
      if (!perAddress.hit(request.ip))
        throw httpError(429, 'rate_limited', 'Too many reset requests. Try again later.', {
          retry_after_seconds: PER_ADDRESS_WINDOW_MS / 1000,
        });
      const users = resettable(await userRepository(ctx.db).findReachable(request.body.username_or_email, 5));
      // The answer leaves before any per-account work, so its timing says nothing about a match.
      setImmediate(() => {
        void (async () => {
          for (const user of users) {
            if ((await recentRequests(ctx, user.id)) >= PER_ACCOUNT_PER_HOUR) continue;
            const token = newResetToken();
            const mail = await renderMailFor(ctx, user, 'password_reset', {
              link: resetLink(ctx, token),
              valid_hours: RESET_VALID_HOURS,
            });
            if (!mail) continue;
            // The link and its mail in one transaction: a crash leaves both or neither.
            await inTransaction(ctx.db, async (trx) => {
              await storeResetToken(ctx, trx, user.id, token);
              await enqueueMailIn(ctx, trx, mail);
            });
            mailQueued(ctx);
          }
        })().catch((err: unknown) => ctx.log.error({ err }, 'password reset mail failed'));
      });
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: "Set a new password with a reset link's token; ends every session.",
        body: PasswordResetConfirm,
        response: { 204: Type.Null(), ...errorResponses(400, 403, 422) },
      },
    },
    async (request, reply) => {
      await ensureEnabled();
      const invalid = () =>
        httpError(400, 'reset_token_invalid', 'This reset link is invalid, used, replaced by a newer one, or expired.');
      const live = await peekResetToken(ctx, request.body.token);
      const user = live ? await userRepository(ctx.db).findById(live.user_id) : null;
      if (!live || !user || !user.enabled) throw invalid();
      // A link mailed before the password last changed is dead even if the listener that voids
      // such links (./feature.ts) has not run yet: it runs after the change has been answered.
      if (Date.parse(live.created_at) < Date.parse(user.password_changed_at)) throw invalid();
      // Check the policy before spending the token, so a refused password does not burn the link.
      await checkNewPassword(ctx, user, request.body.new_password, user);
      if (!(await spendResetToken(ctx, request.body.token))) throw invalid();
      await applyNewPassword(ctx, user, request.body.new_password, { via: 'reset', reason: 'reset' });
      return reply.status(204).send(null);
    },
  );
}
