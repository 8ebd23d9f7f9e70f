/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field in the tests */
/**
 * Passkey steps for the appliance tests: an appliance reached at http://localhost:PORT (an IP
 * address cannot be a WebAuthn RP ID), and registration and sign-in over HTTP with the software
 * authenticator answering the appliance's options.
 */
import { type BuildOptions } from '../../src-appliance/server.js';
import { type ApplianceConfig } from '../../src-appliance/config.js';
import { startTestAppliance, type TestAppliance } from './appliance.js';
import { call, type Res } from './api-client.js';
import { type CeremonyOptions, type SoftwareAuthenticator } from './software-authenticator.js';

/** An appliance whose public URL is http://localhost:PORT (its listening address). */
export function startPasskeyAppliance(
  overrides: Partial<ApplianceConfig> = {},
  opts: BuildOptions = {},
): Promise<TestAppliance> {
  return startTestAppliance({ host: 'localhost', ...overrides }, opts);
}

export type Auth = { token: string } | { headers: Record<string, string> };

const withAuth = (auth: Auth) => ('token' in auth ? { token: auth.token } : { headers: auth.headers });

/** Asks for registration options (with the password when given). */
export function registrationOptions(app: TestAppliance, auth: Auth, currentPassword?: string): Promise<Res> {
  return call(app, 'POST', '/api/account/passkeys/registration-options', {
    ...withAuth(auth),
    body: currentPassword === undefined ? {} : { current_password: currentPassword },
  });
}

/**
 * Options, the authenticator's answer, and the registration; answers the final response.
 * `ceremony` steers the authenticator (a foreign origin, no user verification).
 */
export async function registerPasskey(
  app: TestAppliance,
  auth: Auth,
  authenticator: SoftwareAuthenticator,
  opts: { name?: string; currentPassword?: string; ceremony?: CeremonyOptions } = {},
): Promise<Res> {
  const options = await registrationOptions(app, auth, opts.currentPassword);
  if (options.status !== 200) return options;
  const response = authenticator.create(options.body.options, app.url, opts.ceremony);
  return call(app, 'POST', '/api/account/passkeys', {
    ...withAuth(auth),
    body: { attempt_id: options.body.attempt_id, name: opts.name ?? 'My passkey', response },
  });
}

/** Registers a passkey and fails the test when that does not work. */
export async function addPasskey(
  app: TestAppliance,
  auth: Auth,
  authenticator: SoftwareAuthenticator,
  name = 'My passkey',
): Promise<any> {
  const res = await registerPasskey(app, auth, authenticator, { name });
  if (res.status !== 201) throw new Error(`passkey registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Starts a passwordless sign-in and answers it with the authenticator; answers the sign-in's response. */
export async function signInWithPasskey(
  app: TestAppliance,
  authenticator: SoftwareAuthenticator,
  ceremony: CeremonyOptions & { credentialId?: string } = {},
): Promise<Res & { answer: unknown }> {
  const options = await call(app, 'POST', '/api/auth/passkey/options', { body: {} });
  if (options.status !== 200) return { ...options, answer: null };
  const answer = {
    attempt_id: options.body.attempt_id,
    response: authenticator.get(options.body.options, app.url, ceremony),
  };
  return { ...(await call(app, 'POST', '/api/auth/passkey/sign-in', { body: answer })), answer };
}

/** The cookie header a browser would send back after a sign-in answer. */
export const cookiesOf = (res: Res): string =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');

/**
 * Password, then the passkey as the second factor: the first answer must be `401 otp_required`
 * with a passkey challenge, which the authenticator answers in the second login.
 */
export async function loginWithPasskeySecondFactor(
  app: TestAppliance,
  user: { username: string; password: string },
  authenticator: SoftwareAuthenticator,
  opts: { client?: 'web' | 'console'; ceremony?: CeremonyOptions & { credentialId?: string } } = {},
): Promise<Res & { answer: unknown }> {
  const credentials = { username: user.username, password: user.password, client: opts.client ?? 'web' };
  const first = await call(app, 'POST', '/api/auth/login', { body: credentials });
  if (first.status !== 401 || !first.body.error.details.passkey)
    throw new Error(`no passkey second step: ${first.status} ${JSON.stringify(first.body)}`);
  const { attempt_id, options } = first.body.error.details.passkey;
  const answer = { attempt_id, response: authenticator.get(options, app.url, opts.ceremony) };
  const res = await call(app, 'POST', '/api/auth/login', { body: { ...credentials, passkey: answer } });
  return { ...res, answer };
}
