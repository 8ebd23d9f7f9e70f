/**
 * Lockout under concurrency: per account and window at most N credential verifications run
 * (passwords, TOTP codes, recovery codes), however many requests are in flight; attempt N+1 is
 * refused with 423 before argon2 or the TOTP check runs; a success clears only the attempts
 * counted before it. Verifications are counted by the appliance's explicit probe
 * (`probes.credentialVerification`, called as each check starts), not by replacing any code.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CredentialKind } from '../../src-appliance/context.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, createUser, loginConsole, setSecurity, tokenFor, type Res } from '../support/api-client.js';
import { alignClock, codeFor, enrolTwoFactor } from '../support/two-factor.js';
import { waitUntil } from '../support/test-database.js';

const N = 5;
const BURST = 40;

let app: TestAppliance;
let admin: string;
const started: Record<CredentialKind, number> = { password: 0, totp: 0, recovery_code: 0, passkey: 0 };
/** When set, the next credential check waits until the test releases it. */
let holdNext: { release: () => void; reached: () => void } | null = null;

beforeAll(async () => {
  app = await startTestAppliance(
    {},
    {
      probes: {
        credentialVerification(kind) {
          started[kind]++;
          const hold = holdNext;
          if (!hold) return;
          holdNext = null;
          return new Promise<void>((resolve) => {
            hold.release = resolve;
            hold.reached();
          });
        },
      },
    },
  );
  admin = await adminToken(app);
  await setSecurity(app, admin, { lockout_after_failures: N, lockout_duration_minutes: 15 });
});
afterAll(() => app.close());
beforeEach(() => {
  started.password = started.totp = started.recovery_code = 0;
});

const failures = async (id: number) =>
  (await app.ctx.db.selectFrom('users').select('failed_login_count').where('id', '=', id).executeTakeFirstOrThrow())
    .failed_login_count;
const codes = (results: Res[]) => results.map((r) => (r.status === 200 ? 'ok' : (r.body.error.code as string)));
const count = (list: string[], code: string) => list.filter((c) => c === code).length;

describe('lockout under concurrency: passwords', () => {
  it(`${BURST} wrong passwords in flight, then the right one: 423 without a verification, and locked afterwards`, async () => {
    const u = await createUser(app, admin);
    started.password = 0;
    const burst = Array.from({ length: BURST }, (_, i) => loginConsole(app, u.username, `wrong-password-${i}`));
    await waitUntil(() => started.password >= N, 'the first N verifications have started');
    const right = await loginConsole(app, u.username, u.password);
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('account_locked');
    const answers = codes(await Promise.all(burst));
    expect(started.password).toBe(N);
    expect(count(answers, 'invalid_credentials')).toBe(N - 1);
    expect(count(answers, 'account_locked')).toBe(BURST - (N - 1));
    expect(await failures(u.id)).toBe(N);
    expect((await loginConsole(app, u.username, u.password)).status).toBe(423);
    expect(started.password).toBe(N);
  });

  it(`${BURST} wrong passwords and the right one sent together: at most N verifications run`, async () => {
    const u = await createUser(app, admin);
    started.password = 0;
    const attempts = Array.from({ length: BURST + 1 }, (_, i) =>
      loginConsole(app, u.username, i === BURST / 2 ? u.password : `wrong-password-${i}`),
    );
    const answers = codes(await Promise.all(attempts));
    expect(started.password).toBe(N);
    // The N verified attempts answered 200 or 401, except a wrong one that filled the window (423);
    // every other attempt was refused unverified (423).
    const rightWon = answers[BURST / 2] === 'ok';
    expect(count(answers, 'ok')).toBe(rightWon ? 1 : 0);
    expect(count(answers, 'ok') + count(answers, 'invalid_credentials')).toBeGreaterThanOrEqual(N - 1);
    expect(count(answers, 'ok') + count(answers, 'invalid_credentials')).toBeLessThanOrEqual(N);
    // A success kept only the failures reserved after it; without one the account is locked.
    if (rightWon) expect(await failures(u.id)).toBeLessThan(N);
    else expect(await failures(u.id)).toBe(N);
  });

  it('a success clears only the attempts counted before it, never those reserved after it', async () => {
    const u = await createUser(app, admin);
    expect((await loginConsole(app, u.username, 'before-1')).status).toBe(401);
    let hold!: { release: () => void; reached: () => void };
    const reached = new Promise<void>((resolve) => {
      hold = { release: () => {}, reached: resolve };
      holdNext = hold;
    });
    const right = loginConsole(app, u.username, u.password); // its verification waits at the probe
    try {
      await reached;
      // Reserved after the right password (which holds place 2): places 3 and 4.
      for (let i = 0; i < 2; i++) expect((await loginConsole(app, u.username, `after-${i}`)).status).toBe(401);
      expect(await failures(u.id)).toBe(4);
    } finally {
      hold.release();
    }
    expect((await right).status).toBe(200);
    // The one before it is cleared (and its own place), the two after it stay: the window holds 2.
    expect(await failures(u.id)).toBe(2);
    expect((await loginConsole(app, u.username, 'again-1')).status).toBe(401);
    expect((await loginConsole(app, u.username, 'again-2')).status).toBe(401);
    expect((await loginConsole(app, u.username, 'again-3')).status).toBe(423);
    expect((await loginConsole(app, u.username, u.password)).status).toBe(423);
  });

  it(`an unknown username answers a burst exactly like a real account, with at most N dummy verifications`, async () => {
    const real = await createUser(app, admin);
    const burst = async (name: string) => {
      started.password = 0;
      const answers = codes(
        await Promise.all(Array.from({ length: BURST }, (_, i) => loginConsole(app, name, `wrong-password-${i}`))),
      );
      return {
        verified: started.password,
        invalid: count(answers, 'invalid_credentials'),
        locked: count(answers, 'account_locked'),
      };
    };
    const forReal = await burst(real.username);
    const forGhost = await burst(`ghost-${real.username}`);
    expect(forGhost).toEqual(forReal);
    expect(forGhost).toEqual({ verified: N, invalid: N - 1, locked: BURST - (N - 1) });
  });
});

describe('lockout under concurrency: second factors', () => {
  async function userWithTwoFactor() {
    const u = await createUser(app, admin);
    alignClock(app);
    const enrolled = await enrolTwoFactor(app, await tokenFor(app, u.username, u.password), u.password);
    started.password = started.totp = started.recovery_code = 0;
    return { ...u, ...enrolled };
  }
  const withCode = (u: { username: string; password: string }, otp_code: string) =>
    loginConsole(app, u.username, u.password, { otp_code });
  const withRecovery = (u: { username: string; password: string }, recovery_code: string) =>
    loginConsole(app, u.username, u.password, { recovery_code });

  it(`the right password with ${BURST} wrong TOTP codes in flight, then the right code: 423, and locked afterwards`, async () => {
    const u = await userWithTwoFactor();
    const wrongCode = codeFor(app, u.secret, 5); // outside the ±1 step window
    const burst = Array.from({ length: BURST }, () => withCode(u, wrongCode));
    await waitUntil(() => started.password >= N, 'the first N attempts are verifying');
    const right = await withCode(u, codeFor(app, u.secret));
    expect(right.status).toBe(423);
    const answers = codes(await Promise.all(burst));
    expect(started.password).toBe(N);
    expect(started.totp).toBe(N);
    expect(count(answers, 'otp_invalid')).toBe(N - 1);
    expect(count(answers, 'account_locked')).toBe(BURST - (N - 1));
    expect((await withCode(u, codeFor(app, u.secret))).status).toBe(423);
    expect(started.totp).toBe(N);
  });

  it(`the right password with ${BURST} wrong TOTP codes and the right one together: at most N code checks`, async () => {
    const u = await userWithTwoFactor();
    const wrongCode = codeFor(app, u.secret, 5);
    const answers = codes(
      await Promise.all(
        Array.from({ length: BURST + 1 }, (_, i) => withCode(u, i === BURST / 2 ? codeFor(app, u.secret) : wrongCode)),
      ),
    );
    expect(started.totp).toBeLessThanOrEqual(N);
    expect(started.password).toBeLessThanOrEqual(N);
    expect(count(answers, 'ok') + count(answers, 'otp_invalid')).toBeLessThanOrEqual(N);
    expect(count(answers, 'ok')).toBeLessThanOrEqual(1);
  });

  it(`the right password with ${BURST} wrong recovery codes in flight, then a right one: 423, and locked afterwards`, async () => {
    const u = await userWithTwoFactor();
    const burst = Array.from({ length: BURST }, (_, i) =>
      withRecovery(u, `WRNG-CODE-${String(i).padStart(4, '0')}-XXXX`),
    );
    await waitUntil(() => started.password >= N, 'the first N attempts are verifying');
    const right = await withRecovery(u, u.recoveryCodes[0]!);
    expect(right.status).toBe(423);
    const answers = codes(await Promise.all(burst));
    expect(started.recovery_code).toBe(N);
    expect(count(answers, 'otp_invalid')).toBe(N - 1);
    expect(count(answers, 'account_locked')).toBe(BURST - (N - 1));
    expect((await withRecovery(u, u.recoveryCodes[1]!)).status).toBe(423);
    expect(started.recovery_code).toBe(N);
  });

  it(`the right password with ${BURST} wrong recovery codes and a right one together: at most N code checks`, async () => {
    const u = await userWithTwoFactor();
    const answers = codes(
      await Promise.all(
        Array.from({ length: BURST + 1 }, (_, i) =>
          withRecovery(u, i === BURST / 2 ? u.recoveryCodes[0]! : `WRNG-CODE-${String(i).padStart(4, '0')}-XXXX`),
        ),
      ),
    );
    expect(started.recovery_code).toBeLessThanOrEqual(N);
    expect(count(answers, 'ok') + count(answers, 'otp_invalid')).toBeLessThanOrEqual(N);
  });
});
