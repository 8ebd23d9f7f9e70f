/**
 * Passwordless sign-in in the browser: `POST /api/auth/passkey/options` (a challenge for any
 * passkey of this site) and `POST /api/auth/passkey/sign-in` (the signed answer; a web session
 * as the password login gives one). The desktop console signs in with a passkey through the
 * system browser, so only web sessions come from here.
 */
import Type from 'typebox';
import { LoginResponse } from '../../src-shared/api/auth.js';
import { PasskeyAssertion, PasskeyRequestOptions } from '../../src-shared/api/passkeys.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { errorResponses } from '../http/schema-helpers.js';
import { sendLoginAnswer } from '../auth/login-answer.js';
import { signInOptions, signInWithPasskey } from './sign-in.js';

export function registerPasskeySignInRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const tags = ['auth', 'passkeys'];
  app.post(
    '/api/auth/passkey/options',
    {
      schema: {
        tags,
        summary: 'Start a passwordless sign-in: a challenge for any passkey registered on this site.',
        body: Type.Object({}, { additionalProperties: false }),
        response: { 200: PasskeyRequestOptions, ...errorResponses(400, 403, 409, 429) },
      },
    },
    async () => signInOptions(ctx),
  );

  app.post(
    '/api/auth/passkey/sign-in',
    {
      schema: {
        tags,
        summary: 'Sign in with the passkey that answered the challenge (a web session).',
        body: PasskeyAssertion,
        response: { 200: LoginResponse, ...errorResponses(400, 401, 403, 409, 423) },
      },
    },
    async (request, reply) => sendLoginAnswer(ctx, reply, 'web', await signInWithPasskey(ctx, request.body, request)),
  );
}
