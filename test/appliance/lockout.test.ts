/**
 * Lockout: exactly N wrong passwords lock (also with 200 attempts in parallel), a right password
 * during lockout is refused, the lock runs out on the (test) clock, an admin unlocks, and an
 * admin-only lock (duration 0) reports retry_after_seconds null.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, setSecurity, tokenFor } from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
  await setSecurity(app, admin, { lockout_after_failures: 5, lockout_duration_minutes: 15 });
});
afterAll(() => app.close());

const failures = async (id: number) =>
  (await app.ctx.db.selectFrom('users').select('failed_login_count').where('id', '=', id).executeTakeFirstOrThrow())
    .failed_login_count;

describe('lockout', () => {
  it('N-1 wrong passwords do not lock; the N-th locks (423 with retry_after_seconds); the right password is then refused', async () => {
    const u = await createUser(app, admin);
    for (let i = 1; i <= 4; i++) {
      const res = await loginConsole(app, u.username, `wrong-${i}-password`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_credentials');
    }
    expect(await failures(u.id)).toBe(4);
    const fifth = await loginConsole(app, u.username, 'wrong-5-password');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('account_locked');
    expect(fifth.body.error.details.retry_after_seconds).toBe(15 * 60);
    const right = await loginConsole(app, u.username, u.password);
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('account_locked');
    expect(await failures(u.id)).toBe(5);
  });

  it('a right password before the N-th failure resets the count', async () => {
    const u = await createUser(app, admin);
    for (let i = 0; i < 4; i++) await loginConsole(app, u.username, 'wrong-password-x');
    expect((await loginConsole(app, u.username, u.password)).status).toBe(200);
    expect(await failures(u.id)).toBe(0);
    for (let i = 0; i < 4; i++) expect((await loginConsole(app, u.username, 'wrong-password-x')).status).toBe(401);
  });

  it('200 parallel wrong passwords: exactly N are counted, exactly one locks, the rest see the lock', async () => {
    const u = await createUser(app, admin);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => loginConsole(app, u.username, `parallel-wrong-${i}`)),
    );
    const codes = results.map((r) => r.body.error.code as string);
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(4);
    expect(codes.filter((c) => c === 'account_locked')).toHaveLength(196);
    expect(await failures(u.id)).toBe(5);
    expect((await loginConsole(app, u.username, u.password)).status).toBe(423);
  });

  it('the lock runs out after lockout_duration_minutes; the count then starts afresh', async () => {
    const u = await createUser(app, admin);
    for (let i = 0; i < 5; i++) await loginConsole(app, u.username, 'wrong-password-y');
    app.clock.advance(10 * 60_000);
    const stillLocked = await loginConsole(app, u.username, u.password);
    expect(stillLocked.status).toBe(423);
    expect(stillLocked.body.error.details.retry_after_seconds).toBeLessThanOrEqual(5 * 60);
    app.clock.advance(5 * 60_000 + 1000);
    expect((await loginConsole(app, u.username, 'wrong-password-y')).status).toBe(401);
    expect(await failures(u.id)).toBe(1);
    expect((await loginConsole(app, u.username, u.password)).status).toBe(200);
    admin = await adminToken(app);
  });

  it('an admin unlocks; the admin list shows the lock before', async () => {
    const u = await createUser(app, admin);
    for (let i = 0; i < 5; i++) await loginConsole(app, u.username, 'wrong-password-z');
    const listed = (await call(app, 'GET', '/api/admin/users', { token: admin })).body.users.find(
      (x: { id: number }) => x.id === u.id,
    );
    expect(listed).toMatchObject({ locked: true, failed_login_count: 5 });
    expect(listed.locked_until).not.toBeNull();
    const res = await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { unlock: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ locked: false, failed_login_count: 0, locked_until: null });
    expect((await loginConsole(app, u.username, u.password)).status).toBe(200);
  });

  it('duration 0 locks until an admin unlocks: retry_after_seconds is null, time does not help', async () => {
    await setSecurity(app, admin, { lockout_duration_minutes: 0 });
    try {
      const u = await createUser(app, admin);
      for (let i = 0; i < 5; i++) await loginConsole(app, u.username, 'wrong-password-w');
      const res = await loginConsole(app, u.username, u.password);
      expect(res.status).toBe(423);
      expect(res.body.error.details.retry_after_seconds).toBeNull();
      app.clock.advance(400 * 24 * 3600_000);
      admin = await adminToken(app);
      expect((await loginConsole(app, u.username, u.password)).status).toBe(423);
      await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { unlock: true } });
      expect((await loginConsole(app, u.username, u.password)).status).toBe(200);
    } finally {
      await setSecurity(app, admin, { lockout_duration_minutes: 15 });
    }
  });

  it('a wrong current password on password change counts toward lockout too', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    for (let i = 1; i <= 5; i++) {
      const res = await call(app, 'PUT', '/api/account/password', {
        token,
        body: { username: u.username, current_password: `bad-${i}-pass`, new_password: 'Another-Good-Pass-9' },
      });
      expect(res.body.error.code).toBe(i < 5 ? 'invalid_credentials' : 'account_locked');
      expect(res.status).toBe(i < 5 ? 401 : 423);
    }
    expect((await loginConsole(app, u.username, u.password)).status).toBe(423);
  });

  it('an unknown username answers exactly like a real one: 401 four times, then 423 with the same retry_after, then the lock runs out', async () => {
    const real = await createUser(app, admin);
    const ghost = `ghost-${real.username}`;
    const answers = async (name: string) => {
      const seen: string[] = [];
      for (let i = 1; i <= 6; i++) {
        const res = await loginConsole(app, name, `wrong-${i}-password`);
        seen.push(`${res.status} ${res.body.error.code} ${res.body.error.details?.retry_after_seconds ?? ''}`);
      }
      return seen;
    };
    const forReal = await answers(real.username);
    const forGhost = await answers(ghost);
    expect(forGhost).toEqual(forReal);
    expect(forGhost[4]).toBe(`423 account_locked ${15 * 60}`);
    // Case does not make a fresh name, as with real accounts (usernames are case-insensitive).
    expect((await loginConsole(app, ghost.toUpperCase(), 'wrong-password-z')).status).toBe(423);
    app.clock.advance(15 * 60_000 + 1000);
    expect((await loginConsole(app, ghost, 'wrong-password-z')).status).toBe(401);
    expect((await loginConsole(app, real.username, real.password)).status).toBe(200);
  });

  it('200 parallel attempts on an unknown username lock it exactly like a real account', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => loginConsole(app, 'parallel-ghost', `parallel-wrong-${i}`)),
    );
    const codes = results.map((r) => r.body.error.code as string);
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(4);
    expect(codes.filter((c) => c === 'account_locked')).toHaveLength(196);
  });
});
