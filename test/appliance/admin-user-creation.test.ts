/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field in the tests */
/**
 * Creating users and changing their email address as an administrator: a new user with a mailed
 * set-password link (real SMTP: single use, expiry, the account unusable until then), the choice
 * refused when it is unclear; an admin's email change follows My Account's rules (the user's
 * sessions end, both addresses are told); a user's creation and a policy change are one
 * transaction with their audit line (an audit write that fails leaves nothing behind).
 */
import { describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import {
  adminToken,
  call,
  createUser,
  expectError,
  loginConsole,
  tokenFor,
  USER_PASSWORD,
} from '../support/api-client.js';
import { type TestSmtp } from '../support/smtp-sink.js';
import { useApplianceWithSmtp } from '../support/appliance-with-smtp.js';
import { breakInserts, repairInserts } from '../support/failing-inserts.js';

const PUBLIC_URL = 'https://support.example.test';
let app: TestAppliance;
let smtp: TestSmtp;
let admin: string;
useApplianceWithSmtp(
  (smtpUrl) => startTestAppliance({ smtpUrl, publicUrl: PUBLIC_URL }),
  (started) => ({ smtp, app, admin } = started),
);

const create = (body: Record<string, unknown>) => call(app, 'POST', '/api/admin/users', { token: admin, body });
const confirm = (token: string, password: string) =>
  call(app, 'POST', '/api/auth/password-reset/confirm', { body: { token, new_password: password } });
const linkIn = (text: string) => /#\/password-reset\?token=([A-Za-z0-9_-]+)/.exec(text)![1]!;
const audit = async (kind: string) =>
  (await call(app, 'GET', `/api/admin/audit?kind=${kind}`, { token: admin })).body.entries as any[];

describe('a new user with a set-password link', () => {
  it('mails a single-use link; the user chooses a password with it and signs in; audited', async () => {
    const res = await create({ username: 'linked', email_address: 'linked@example.test', set_password_link: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'linked', password_change_required: false, enabled: true });
    const mail = await smtp.waitFor((m) => m.to.includes('linked@example.test'));
    expect(mail.subject).toBe('Your account on Support Appliance – Support Appliance');
    expect(mail.text).toContain('Your username is linked.');
    expect(mail.text).toContain('72 hours');
    expect(mail.text).toContain(`${PUBLIC_URL}/console/#/password-reset?token=`);
    const token = linkIn(mail.text);
    // Until then no password signs in (the account's is random, never shown).
    expect((await loginConsole(app, 'linked', USER_PASSWORD)).status).toBe(401);

    expectError(await confirm(token, 'short'), 422, 'password_policy');
    expect((await confirm(token, 'Chosen-By-Myself-2026')).status).toBe(204);
    expect((await loginConsole(app, 'linked', 'Chosen-By-Myself-2026')).status).toBe(200);
    expectError(await confirm(token, 'Chosen-Again-By-Me-2027'), 400, 'reset_token_invalid');

    const [created] = await audit('user.created');
    expect(created).toMatchObject({ target: `user:${res.body.id}`, target_label: 'linked' });
    expect(created.changes).toMatchObject({
      username: { old: null, new: 'linked' },
      is_admin: { old: null, new: false },
    });
    expect(created.changes.password).toBeUndefined();
    const [sent] = await audit('user.set_password_link_sent');
    expect(sent).toMatchObject({
      target: `user:${res.body.id}`,
      changes: { set_password_link: { old: null, new: 'linked@example.test' } },
    });
  });

  it('the link expires after 72 hours', async () => {
    await create({ username: 'late', email_address: 'late@example.test', set_password_link: true });
    const token = linkIn((await smtp.waitFor((m) => m.to.includes('late@example.test'))).text);
    app.clock.advance(72 * 3_600_000 + 1000);
    expectError(await confirm(token, 'Too-Late-For-This-2026'), 400, 'reset_token_invalid');
    admin = await adminToken(app); // the admin's session idled out meanwhile
  });

  it('mails in the site default language (German)', async () => {
    await call(app, 'PUT', '/api/admin/security', { token: admin, body: { default_language: 'de' } });
    try {
      await create({ username: 'deutsch', email_address: 'deutsch@example.test', set_password_link: true });
      const mail = await smtp.waitFor((m) => m.to.includes('deutsch@example.test'));
      expect(mail.subject).toBe('Ihr Konto auf Support Appliance – Support Appliance');
      expect(mail.text).toContain('Ihr Benutzername ist deutsch.');
      expect(mail.text).toContain('72 Stunden');
    } finally {
      await call(app, 'PUT', '/api/admin/security', { token: admin, body: { default_language: 'en' } });
    }
  });

  it('refuses both ways or neither, a link without an address, and a link while password reset is off', async () => {
    const before = (await call(app, 'GET', '/api/admin/users?q=unclear', { token: admin })).body.users;
    expectError(await create({ username: 'unclear1' }), 400, 'validation_failed');
    expectError(
      await create({
        username: 'unclear2',
        password: 'Quiet-Harbour-Lantern-93',
        set_password_link: true,
        email_address: 'x@example.test',
      }),
      400,
      'validation_failed',
    );
    const noAddress = await create({ username: 'unclear3', set_password_link: true });
    expectError(noAddress, 400, 'validation_failed');
    expect(noAddress.body.error.details.field).toBe('email_address');
    expectError(
      await create({ username: 'unclear4', set_password_link: false, password: 'x' }),
      400,
      'validation_failed',
    );
    await call(app, 'PUT', '/api/admin/security', { token: admin, body: { password_reset_enabled: false } });
    try {
      expectError(
        await create({ username: 'unclear5', email_address: 'u5@example.test', set_password_link: true }),
        409,
        'password_reset_disabled',
      );
    } finally {
      await call(app, 'PUT', '/api/admin/security', { token: admin, body: { password_reset_enabled: true } });
    }
    expect((await call(app, 'GET', '/api/admin/users?q=unclear', { token: admin })).body.users).toEqual(before);
    expect(smtp.mails.filter((m) => m.to.some((t) => t.startsWith('u5@')))).toHaveLength(0);
  });
});

describe("an administrator's email change", () => {
  it("ends the user's sessions and tells both addresses, as My Account's change does", async () => {
    const u = await createUser(app, admin, { username: 'moving', email_address: 'old-moving@example.test' });
    const t1 = await tokenFor(app, u.username, USER_PASSWORD);
    const t2 = await tokenFor(app, u.username, USER_PASSWORD);
    const res = await call(app, 'PATCH', `/api/admin/users/${u.id}`, {
      token: admin,
      body: { email_address: 'new-moving@example.test' },
    });
    expect(res.body.email_address).toBe('new-moving@example.test');
    for (const t of [t1, t2]) expectError(await call(app, 'GET', '/api/account', { token: t }), 401, 'unauthenticated');
    const toOld = await smtp.waitFor((m) => m.to.includes('old-moving@example.test'));
    const toNew = await smtp.waitFor((m) => m.to.includes('new-moving@example.test'));
    for (const m of [toOld, toNew]) {
      expect(m.subject).toContain('Your email address was changed');
      expect(m.text).toContain('from old-moving@example.test to new-moving@example.test');
    }
    const activity = (await call(app, 'GET', `/api/admin/users/${u.id}/activity`, { token: admin })).body.items;
    expect(activity.map((i: any) => i.kind)).toEqual(expect.arrayContaining(['email_changed', 'sessions_ended']));
    expect(activity.find((i: any) => i.kind === 'sessions_ended').data).toMatchObject({
      reason: 'email_changed',
      count: 2,
    });
    // The admin's own session is kept, and the admin is still signed in.
    expect((await call(app, 'GET', '/api/account', { token: admin })).status).toBe(200);
  });

  it('the same address in other letters is no change: no session ends, nobody is mailed', async () => {
    const u = await createUser(app, admin, { username: 'samecase', email_address: 'same@example.test' });
    const t = await tokenFor(app, u.username, USER_PASSWORD);
    const mailsBefore = smtp.mails.length;
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, {
      token: admin,
      body: { email_address: 'SAME@example.test' },
    });
    expect((await call(app, 'GET', '/api/account', { token: t })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.slice(mailsBefore).filter((m) => m.to.includes('same@example.test'))).toEqual([]);
  });
});

describe('one transaction with the audit line', () => {
  it('a failing audit write leaves no user and no policy change behind', async () => {
    await breakInserts(app.ctx.db, 'audit_log');
    try {
      const created = await create({ username: 'ghost', password: 'Quiet-Harbour-Lantern-93' });
      expect(created.status).toBe(500);
      const policy = await call(app, 'PUT', '/api/admin/security', { token: admin, body: { min_password_length: 15 } });
      expect(policy.status).toBe(500);
    } finally {
      await repairInserts(app.ctx.db, 'audit_log');
    }
    expect((await call(app, 'GET', '/api/admin/users?q=ghost', { token: admin })).body.users).toEqual([]);
    expect((await loginConsole(app, 'ghost', 'Quiet-Harbour-Lantern-93')).status).toBe(401);
    expect((await call(app, 'GET', '/api/admin/security', { token: admin })).body.min_password_length).toBe(8);
    // With the audit log back, the same requests succeed.
    expect((await create({ username: 'ghost', password: 'Quiet-Harbour-Lantern-93' })).status).toBe(201);
  });
});
