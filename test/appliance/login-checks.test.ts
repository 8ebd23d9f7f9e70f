/**
 * The login extension points other features use (two-factor code, console version gate), and
 * the restricted session they can ask for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/errors.js';
import { LoginRefusal } from '../../src-appliance/auth/login-checks.js';
import { setSessionRestriction } from '../../src-appliance/auth/sessions.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, setSecurity } from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
  await setSecurity(app, admin, { lockout_after_failures: 3 });
});
afterAll(() => app.close());

describe('ctx.loginChecks', () => {
  it('an afterPassword refusal counting toward lockout is counted, and the one that locks answers 423', async () => {
    const u = await createUser(app, admin);
    const check = async ({ body }: { body: { otp_code?: string } }) => {
      if (body.otp_code !== '123456')
        throw new LoginRefusal(new ApiError(401, 'otp_invalid', 'Wrong code'), { countsTowardLockout: true });
    };
    app.ctx.loginChecks.afterPassword.unshift(check);
    try {
      expect((await loginConsole(app, u.username, u.password, { otp_code: '000000' })).body.error.code).toBe(
        'otp_invalid',
      );
      expect((await loginConsole(app, u.username, u.password, { otp_code: '000000' })).body.error.code).toBe(
        'otp_invalid',
      );
      const third = await loginConsole(app, u.username, u.password, { otp_code: '000000' });
      expect(third.status).toBe(423);
      expect((await loginConsole(app, u.username, u.password, { otp_code: '123456' })).status).toBe(423);
    } finally {
      app.ctx.loginChecks.afterPassword.shift();
    }
  });

  it('a refusal not counting toward lockout leaves the count alone; a wrong password never reaches afterPassword checks', async () => {
    const u = await createUser(app, admin);
    let calls = 0;
    app.ctx.loginChecks.afterPassword.unshift(async () => {
      calls++;
      throw new LoginRefusal(new ApiError(401, 'otp_required', 'Code needed'), { countsTowardLockout: false });
    });
    try {
      for (let i = 0; i < 5; i++)
        expect((await loginConsole(app, u.username, u.password)).body.error.code).toBe('otp_required');
      expect(calls).toBe(5);
      await loginConsole(app, u.username, 'wrong-password-q');
      expect(calls).toBe(5);
    } finally {
      app.ctx.loginChecks.afterPassword.shift();
    }
    expect((await loginConsole(app, u.username, u.password)).status).toBe(200);
  });

  it('beforePassword runs also for unknown users and can refuse with any status (426 console gate)', async () => {
    const seen: (string | null)[] = [];
    // First in the list: other features (the real console gate) may have registered theirs.
    app.ctx.loginChecks.beforePassword.unshift(async ({ user, body }) => {
      seen.push(user?.username ?? null);
      if (body.install_id === 'gate-test-install') {
        throw new LoginRefusal(new ApiError(426, 'console_update_required', 'Update the console'), {
          countsTowardLockout: false,
        });
      }
    });
    try {
      const res = await loginConsole(app, 'nobody-at-all', 'whatever-pass', { install_id: 'gate-test-install' });
      expect(res.status).toBe(426);
      expect(res.body.error.code).toBe('console_update_required');
      expect(seen).toEqual([null]);
    } finally {
      app.ctx.loginChecks.beforePassword.shift();
    }
  });

  it('a check may ask for a two_factor_enrollment restriction; the session is then limited until it is lifted', async () => {
    const u = await createUser(app, admin);
    app.ctx.loginChecks.afterPassword.unshift(async () => ({ restriction: 'two_factor_enrollment' as const }));
    let login;
    try {
      login = await loginConsole(app, u.username, u.password);
    } finally {
      app.ctx.loginChecks.afterPassword.shift();
    }
    expect(login.status).toBe(200);
    expect(login.body.account.two_factor_enrollment_required).toBe(true);
    const token = login.body.token as string;
    const blocked = await call(app, 'GET', '/api/account/sessions', { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('two_factor_enrollment_required');
    const pw = await call(app, 'PUT', '/api/account/password', {
      token,
      body: { username: u.username, current_password: u.password, new_password: 'Other-Pass-Word-3' },
    });
    expect(pw.body.error.code).toBe('two_factor_enrollment_required');
    expect((await call(app, 'GET', '/api/account', { token })).status).toBe(200);
    const sessionId = (
      await app.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).executeTakeFirstOrThrow()
    ).id;
    await setSessionRestriction(app.ctx, sessionId, null);
    expect((await call(app, 'GET', '/api/account/sessions', { token })).status).toBe(200);
  });
});
