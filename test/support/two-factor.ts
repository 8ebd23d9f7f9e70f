/**
 * Two-factor steps for tests: codes from the test's own TOTP (./totp.ts, so the tests do not trust
 * otplib to check otplib), moving the appliance clock off a step boundary, and enrolment over HTTP.
 */
import { type TestAppliance } from './appliance.js';
import { call, createUser, tokenFor } from './api-client.js';
import { base32Decode, independentTotp } from './totp.js';

/** The 6-digit code for the base32 `secret`, `stepOffset` steps away from the appliance's clock. */
export function codeFor(app: TestAppliance, secret: string, stepOffset = 0): string {
  return independentTotp(base32Decode(secret), app.clock.now().getTime() / 1000 + stepOffset * 30);
}

/** Moves the appliance clock to 5 s into the next-but-one step, so no step boundary passes mid-test. */
export function alignClock(app: TestAppliance, extraSteps = 0): void {
  const ms = app.clock.now().getTime();
  const intoStep = ms % 30_000;
  app.clock.advance(30_000 - intoStep + 5_000 + extraSteps * 30_000);
}

/** Sets up and activates 2FA for the token's user; returns the secret and recovery codes. */
export async function enrolTwoFactor(
  app: TestAppliance,
  token: string,
  password: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await call(app, 'POST', '/api/account/two-factor/setup', { token });
  if (setup.status !== 200) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const secret = setup.body.secret as string;
  const act = await call(app, 'POST', '/api/account/two-factor/activate', {
    token,
    body: { current_password: password, code: codeFor(app, secret) },
  });
  if (act.status !== 200) throw new Error(`activate failed: ${act.status} ${JSON.stringify(act.body)}`);
  // The activation code's step is now used: later logins in the test need a newer step.
  app.clock.advance(30_000);
  return { secret, recoveryCodes: act.body.recovery_codes };
}

/**
 * A second administrator who holds an authenticator app: the appliance refuses to require 2FA
 * site-wide from an admin without a second factor (it would lock them out), so tests that turn
 * the requirement on save it as this admin. Returns their token.
 */
export async function adminWithSecondFactor(app: TestAppliance, adminToken: string): Promise<string> {
  const created = await createUser(app, adminToken, { is_admin: true });
  const token = await tokenFor(app, created.username, created.password);
  await enrolTwoFactor(app, token, created.password);
  return token;
}
