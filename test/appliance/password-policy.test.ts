/**
 * Password policy on `PUT /api/account/password`: each rule of the shared evaluator, the history,
 * the breach list and the guessability estimate (zxcvbn, with the account's names and the site
 * name as known words), expiry forcing a change, and other sessions ending on a change.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_SETTINGS } from '../../src-shared/api/site.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, setSecurity, tokenFor } from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
});
beforeEach(async () => {
  admin = await adminToken(app);
  const { languages: _l, default_language: _d, ...rest } = DEFAULT_SECURITY_SETTINGS;
  await setSecurity(app, admin, rest);
});
afterAll(() => app.close());

async function change(token: string, username: string, current: string, next: string) {
  return call(app, 'PUT', '/api/account/password', {
    token,
    body: { username, current_password: current, new_password: next },
  });
}

describe('password policy', () => {
  it('min_password_length (code points: an emoji counts once)', async () => {
    // Strength off: a repeated emoji is guessable, and this test is about counting.
    await setSecurity(app, admin, { min_password_length: 12, min_password_strength: 0 });
    const u = await createUser(app, admin, { password: 'Long-enough-pass-1' });
    const t = await tokenFor(app, u.username, u.password);
    const short = await change(t, u.username, u.password, 'Short-pw-1');
    expect(short.status).toBe(422);
    expect(short.body.error).toMatchObject({ code: 'password_policy', details: { failed_rules: ['min_length'] } });
    expect((await change(t, u.username, u.password, '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).body.error.details.failed_rules).toEqual(
      ['min_length'],
    );
    expect((await change(t, u.username, u.password, '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).status).toBe(204);
  });

  it('no cap below 128: a 1024-character password of any Unicode works; 1025 is refused as max_length', async () => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    const long = 'ж文😀a'.repeat(256);
    expect((await change(t, u.username, u.password, long)).status).toBe(204);
    expect((await loginConsole(app, u.username, long)).status).toBe(200);
    const t2 = await tokenFor(app, u.username, long);
    expect((await change(t2, u.username, long, `${long}x`)).body.error.details.failed_rules).toEqual(['max_length']);
  });

  it('require_complex_passwords: lowercase, uppercase, digit, symbol each reported', async () => {
    await setSecurity(app, admin, { require_complex_passwords: true });
    const u = await createUser(app, admin, { password: 'Complex-Enough-1' });
    const t = await tokenFor(app, u.username, u.password);
    expect((await change(t, u.username, u.password, 'alllowercaseletters')).body.error.details.failed_rules).toEqual([
      'uppercase',
      'digit',
      'symbol',
    ]);
    expect((await change(t, u.username, u.password, 'ALLUPPER-123')).body.error.details.failed_rules).toEqual([
      'lowercase',
    ]);
    expect((await change(t, u.username, u.password, 'Mixed-Case-Pass-7')).status).toBe(204);
  });

  it('the password may not contain the username', async () => {
    const u = await createUser(app, admin, { username: 'margarethe' });
    const t = await tokenFor(app, u.username, u.password);
    expect((await change(t, u.username, u.password, 'xx-Margarethe-2024')).body.error.details.failed_rules).toEqual([
      'not_username',
    ]);
  });

  it('breach list: common passwords are refused (on by default), allowed when switched off', async () => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    for (const common of ['password', 'Password1', 'iloveyou', 'sunshine', 'baseball']) {
      const res = await change(t, u.username, u.password, common);
      expect(res.body.error.details.failed_rules, common).toContain('not_common');
    }
    const create = await call(app, 'POST', '/api/admin/users', {
      token: admin,
      body: { username: 'commonpw', password: 'football' },
    });
    expect(create.status).toBe(422);
    expect(create.body.error.details.failed_rules).toEqual(['not_common', 'strength']);
    await setSecurity(app, admin, { block_common_passwords: false });
    expect((await change(t, u.username, u.password, 'sunshine')).status).toBe(204);
  });

  it.each([
    ['password123', 'common_password', 'one of the most common passwords'],
    ['password1234', 'common_with_digits', 'a common word with digits added'],
    ['123456789012', 'common_password', 'one of the most common passwords'],
    ['qwertyuiop123', 'common_with_digits', 'a common word with digits added'],
    ['Password1234!', 'common_with_digits', 'a common word with digits added'],
    ['abcdefghijklmnop', 'sequence', 'a sequence such as abc or 1234'],
    ['Sonnenschein2024', 'common_with_digits', 'a common word with digits added'],
  ])('a guessable password is refused whatever its length: %s (%s)', async (password, reason, why) => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    const res = await change(t, u.username, u.password, password);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('password_policy');
    expect(res.body.error.details.failed_rules).toContain('strength');
    expect(res.body.error.details.strength).toMatchObject({ reason, min_score: 3 });
    expect(res.body.error.details.strength.score).toBeLessThan(3);
    expect(res.body.error.message).toContain(why);
    expect((await loginConsole(app, u.username, password)).status).toBe(401);
  });

  it('the display names and the site name count as words an attacker knows', async () => {
    // Both pass as such (score 3); each becomes guessable once it names the account or the site.
    const u = await createUser(app, admin, { public_display_name: 'Kingfisher' });
    const t = await tokenFor(app, u.username, u.password);
    const own = await change(t, u.username, u.password, 'Kingfisher2024!');
    expect(own.body.error.details.strength.reason).toBe('personal');
    expect((await change(t, u.username, u.password, 'Nightingale#2024')).status).toBe(204);
    const created = await call(app, 'POST', '/api/admin/users', {
      token: admin,
      body: { username: 'birdwatcher', password: 'Kingfisher2024!', private_display_name: 'Kingfisher' },
    });
    expect([created.status, created.body.error.details.strength.reason]).toEqual([422, 'personal']);
    const site = await startTestAppliance({ siteName: 'Nightingale Support' });
    try {
      const siteAdmin = await adminToken(site);
      const res = await call(site, 'POST', '/api/admin/users', {
        token: siteAdmin,
        body: { username: 'songbird', password: 'Nightingale#2024' },
      });
      expect([res.status, res.body.error.details.strength.reason]).toEqual([422, 'personal']);
    } finally {
      await site.close();
    }
  });

  it('min_password_strength: 0–4 beside the switch, default 3; lower admits weaker, 0 keeps only the breach list', async () => {
    const settings = await call(app, 'GET', '/api/admin/security', { token: admin });
    expect(settings.body).toMatchObject({ block_common_passwords: true, min_password_strength: 3 });
    for (const bad of [5, -1, 2.5, '3']) {
      const res = await call(app, 'PUT', '/api/admin/security', { token: admin, body: { min_password_strength: bad } });
      expect([res.status, res.body.error.code], String(bad)).toEqual([400, 'validation_failed']);
    }
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    // 'Kingfisher2024' scores 2 here: refused at 3, accepted at 2.
    expect((await change(t, u.username, u.password, 'Kingfisher2024')).body.error.details.failed_rules).toEqual([
      'strength',
    ]);
    expect((await setSecurity(app, admin, { min_password_strength: 2 })).body.min_password_strength).toBe(2);
    expect((await call(app, 'GET', '/api/site')).body.password_policy.min_password_strength).toBe(2);
    expect((await change(t, u.username, u.password, 'Kingfisher2024')).status).toBe(204);
    await setSecurity(app, admin, { min_password_strength: 4 });
    const strict = await change(t, u.username, 'Kingfisher2024', 'Nightingale#2024');
    expect(strict.body.error.details.strength).toMatchObject({ min_score: 4 });
    await setSecurity(app, admin, { min_password_strength: 0 });
    expect((await change(t, u.username, 'Kingfisher2024', 'sunshine')).body.error.details.failed_rules).toEqual([
      'not_common',
    ]);
    expect((await change(t, u.username, 'Kingfisher2024', 'aaaaaaaaaaaa')).status).toBe(204);
  });

  it('history: the last N passwords (current included) may not be reused; older ones may', async () => {
    await setSecurity(app, admin, { password_history: 2 });
    const u = await createUser(app, admin, { password: 'First-Pass-word-1' });
    let t = await tokenFor(app, u.username, 'First-Pass-word-1');
    expect(
      (await change(t, u.username, 'First-Pass-word-1', 'First-Pass-word-1')).body.error.details.failed_rules,
    ).toEqual(['not_reused']);
    expect((await change(t, u.username, 'First-Pass-word-1', 'Second-Pass-word-2')).status).toBe(204);
    const reuse = await change(t, u.username, 'Second-Pass-word-2', 'First-Pass-word-1');
    expect(reuse.status).toBe(422);
    expect(reuse.body.error.details.failed_rules).toEqual(['not_reused']);
    expect((await change(t, u.username, 'Second-Pass-word-2', 'Third-Pass-word-3')).status).toBe(204);
    // "First" is now 3 passwords back: allowed with history 2.
    t = await tokenFor(app, u.username, 'Third-Pass-word-3');
    expect((await change(t, u.username, 'Third-Pass-word-3', 'First-Pass-word-1')).status).toBe(204);
  });

  it('the admin’s "change at next login" restricts at once and may only change the password or log out', async () => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { password_change_required: true } });
    expect(
      (
        await call(app, 'PUT', '/api/account/email', {
          token: t,
          body: { email_address: 'a@b.example', current_password: u.password },
        })
      ).body.error.code,
    ).toBe('password_change_required');
    expect((await call(app, 'POST', '/api/auth/logout', { token: t })).status).toBe(204);
  });

  it('on change every other session ends (web and console); the changing one stays; the old password stops working', async () => {
    const u = await createUser(app, admin);
    const keep = await tokenFor(app, u.username, u.password);
    const other = await tokenFor(app, u.username, u.password);
    const events: string[] = [];
    app.ctx.domain.on('password.changed', (e) => void events.push(`${e.userId}:${e.via}`));
    expect((await change(keep, u.username, u.password, 'Changed-Pass-word-5')).status).toBe(204);
    expect((await call(app, 'GET', '/api/account', { token: other })).status).toBe(401);
    expect((await call(app, 'GET', '/api/account', { token: keep })).status).toBe(200);
    expect((await loginConsole(app, u.username, u.password)).status).toBe(401);
    expect((await loginConsole(app, u.username, 'Changed-Pass-word-5')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toContain(`${u.id}:account`);
  });

  it('wrong username is 422 username_mismatch; wrong current password 401 invalid_credentials', async () => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    const mismatch = await change(t, 'admin', u.password, 'Some-Good-Pass-11');
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe('username_mismatch');
    const wrong = await change(t, u.username, 'not-my-password', 'Some-Good-Pass-11');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('the policy the site publishes is the one enforced', async () => {
    await setSecurity(app, admin, { min_password_length: 14, require_complex_passwords: true, password_history: 3 });
    const site = await call(app, 'GET', '/api/site');
    expect(site.body.password_policy).toEqual({
      min_password_length: 14,
      max_password_length: 1024,
      require_complex_passwords: true,
      block_common_passwords: true,
      min_password_strength: 3,
      password_history: 3,
    });
  });
  it('a session open while the password expires sees the change required on its next read, with nothing written in between', async () => {
    // Its own appliance: the clock jump would expire the shared admin's password too.
    const app = await startTestAppliance();
    try {
      const admin = await adminToken(app);
      await setSecurity(app, admin, { password_expiration_days: 30 });
      const u = await createUser(app, admin);
      app.clock.advance(30 * 86_400_000 - 5_000);
      const t = (await loginConsole(app, u.username, u.password)).body.token as string;
      const before = await call(app, 'GET', '/api/account', { token: t });
      expect(before.body.password_change_required).toBe(false);
      // The password expires meanwhile; too soon for the session's last-seen time to be written.
      app.clock.advance(10_000);
      const after = await call(app, 'GET', '/api/account', { token: t });
      expect([after.status, after.body.password_change_required]).toEqual([200, true]);
      expect(after.body.password_expires_at).toBe(before.body.password_expires_at);
    } finally {
      await app.close();
    }
  });
  it('expiry forces a change: login succeeds restricted, other routes are 403 password_change_required, changing lifts it', async () => {
    // Its own appliance: the clock jump would expire the shared admin's password too.
    const app = await startTestAppliance();
    try {
      const admin = await adminToken(app);
      await setSecurity(app, admin, { password_expiration_days: 30 });
      const u = await createUser(app, admin);
      const fresh = await loginConsole(app, u.username, u.password);
      expect(fresh.body.account.password_change_required).toBe(false);
      expect(Date.parse(fresh.body.account.password_expires_at) - app.clock.now().getTime()).toBeGreaterThan(
        29 * 86_400_000,
      );
      app.clock.advance(31 * 86_400_000);
      const login = await loginConsole(app, u.username, u.password);
      expect(login.status).toBe(200);
      expect(login.body.account.password_change_required).toBe(true);
      const t = login.body.token as string;
      const blocked = await call(app, 'GET', '/api/account/sessions', { token: t });
      expect(blocked.status).toBe(403);
      expect(blocked.body.error.code).toBe('password_change_required');
      expect(
        (await call(app, 'PATCH', '/api/account', { token: t, body: { private_display_name: 'X' } })).body.error.code,
      ).toBe('password_change_required');
      expect((await call(app, 'GET', '/api/account', { token: t })).body.password_change_required).toBe(true);
      expect(
        (
          await call(app, 'PUT', '/api/account/password', {
            token: t,
            body: { username: u.username, current_password: u.password, new_password: 'Brand-New-Pass-77' },
          })
        ).status,
      ).toBe(204);
      expect((await call(app, 'GET', '/api/account/sessions', { token: t })).status).toBe(200);
      expect((await call(app, 'GET', '/api/account', { token: t })).body.password_change_required).toBe(false);
    } finally {
      await app.close();
    }
  });
});
