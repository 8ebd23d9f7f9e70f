/**
 * A record and the mail about it are stored both or neither (one transaction): with every insert
 * into the mail outbox failing (a trigger of the real database, in each engine's syntax), a new
 * user's set-password link, a reset link, an announced extended-availability enabling and a
 * sign-in's known device are not stored either; once the outbox takes mail again, the same step
 * stores both and the mail arrives. Runs on SQLite and PostgreSQL.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { call, createUser, tokenFor } from '../support/api-client.js';
import { type TestSmtp } from '../support/smtp-sink.js';
import { useApplianceWithSmtp } from '../support/appliance-with-smtp.js';
import { breakInserts, repairInserts } from '../support/failing-inserts.js';

const PUBLIC_URL = 'https://support.example.test';
const errors: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      errors.push(String((JSON.parse(line) as { msg?: unknown }).msg));
    done();
  },
});

let app: TestAppliance;
let smtp: TestSmtp;
let admin: string;
useApplianceWithSmtp(
  (smtpUrl) =>
    startTestAppliance({ smtpUrl, publicUrl: PUBLIC_URL }, { logger: { level: 'error', stream: logStream } }),
  (started) => ({ smtp, app, admin } = started),
);

/** Runs `step` with the outbox broken, repaired afterwards whatever happens. */
async function withOutboxDown(step: () => Promise<void>): Promise<void> {
  await breakInserts(app.ctx.db, 'mail_outbox');
  try {
    await step();
  } finally {
    await repairInserts(app.ctx.db, 'mail_outbox');
  }
}

const queuedTo = async (address: string) =>
  (await app.ctx.db.selectFrom('mail_outbox').select('id').where('to_address', '=', address).execute()).length;
const resetLinksOf = async (userId: number) =>
  (await app.ctx.db.selectFrom('password_reset_tokens').select('id').where('user_id', '=', userId).execute()).length;
const allResetLinks = async () => (await app.ctx.db.selectFrom('password_reset_tokens').select('id').execute()).length;
const usersNamed = async (q: string) =>
  (await call(app, 'GET', `/api/admin/users?q=${q}`, { token: admin })).body.users as { username: string }[];

describe('a record and its mail in one transaction', () => {
  it("a new user's set-password link: no user, no link, no audit line without the mail", async () => {
    const body = { username: 'linked', email_address: 'linked@example.test', set_password_link: true };
    const auditLines = async () =>
      (await call(app, 'GET', '/api/admin/audit?kind=user.created', { token: admin })).body.entries.length as number;
    const auditBefore = await auditLines();
    const linksBefore = await allResetLinks();
    await withOutboxDown(async () => {
      expect((await call(app, 'POST', '/api/admin/users', { token: admin, body })).status).toBe(500);
    });
    expect(await usersNamed('linked')).toEqual([]);
    expect(await allResetLinks()).toBe(linksBefore);
    expect(await auditLines()).toBe(auditBefore);
    expect(await queuedTo('linked@example.test')).toBe(0);

    const created = await call(app, 'POST', '/api/admin/users', { token: admin, body });
    expect(created.status).toBe(201);
    const mail = await smtp.waitFor((m) => m.to.includes('linked@example.test'));
    expect(mail.text).toContain(`${PUBLIC_URL}/console/#/password-reset?token=`);
    expect(await resetLinksOf(created.body.id)).toBe(1);
  });

  it('a reset link is stored only with its mail', async () => {
    const u = await createUser(app, admin, { email_address: 'reset-pair@example.test' });
    const request = () =>
      call(app, 'POST', '/api/auth/password-reset', { body: { username_or_email: 'reset-pair@example.test' } });
    await withOutboxDown(async () => {
      errors.length = 0;
      expect((await request()).status).toBe(202);
      // The link and mail are made after the answer: wait until that work has failed.
      await expect.poll(() => errors.includes('password reset mail failed')).toBe(true);
    });
    expect(await resetLinksOf(u.id)).toBe(0);
    expect(await queuedTo('reset-pair@example.test')).toBe(0);

    expect((await request()).status).toBe(202);
    const mail = await smtp.waitFor((m) => m.to.includes('reset-pair@example.test'));
    expect(mail.subject).toBe('Reset your password – Support Appliance');
    expect(await resetLinksOf(u.id)).toBe(1);
  });

  it('an enabling of extended availability is announced only with its mail, so it is mailed once the outbox works', async () => {
    const u = await createUser(app, admin, { email_address: 'away@example.test', extended_availability_allowed: true });
    const token = await tokenFor(app, u.username, u.password);
    await withOutboxDown(async () => {
      const enabled = await call(app, 'PATCH', '/api/account', {
        token,
        body: { extended_availability_enabled: true },
      });
      expect(enabled.status).toBe(200);
      await app.ctx.domain.settled();
    });
    expect(await queuedTo('away@example.test')).toBe(0);
    // The next change to the account finds the enabling not yet announced, and announces it.
    const renamed = await call(app, 'PATCH', '/api/account', { token, body: { private_display_name: 'Away' } });
    expect(renamed.status).toBe(200);
    const mail = await smtp.waitFor((m) => m.to.includes('away@example.test'));
    expect(mail.text).toContain(`${PUBLIC_URL}/api/extended-availability/disable?token=`);
  });

  it("a sign-in's new device is kept as known only with its notice, so the next sign-in from it is noticed", async () => {
    const u = await createUser(app, admin, { email_address: 'device@example.test' });
    await tokenFor(app, u.username, u.password);
    const signIn = () =>
      call(app, 'POST', '/api/auth/login', {
        body: { username: u.username, password: u.password, client: 'web' },
        headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' },
      });
    await withOutboxDown(async () => {
      expect((await signIn()).status).toBe(200);
      await app.ctx.domain.settled();
    });
    expect(await queuedTo('device@example.test')).toBe(0);
    expect((await signIn()).status).toBe(200);
    const mail = await smtp.waitFor((m) => m.to.includes('device@example.test'));
    expect(mail.text).toContain('Firefox 133');
  });
});
