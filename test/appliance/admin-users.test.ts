/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field in the tests */
/**
 * Management > Users on the API: `GET /api/admin/users?q=&sort=&cursor=` (search, sort, keyset
 * pages), resetting a user's two-factor authentication, their sessions and ending them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import {
  adminToken,
  call,
  createUser,
  expectError,
  loginConsole,
  tokenFor,
  USER_PASSWORD,
} from '../support/api-client.js';
import { codeFor, enrolTwoFactor } from '../support/two-factor.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
  // 120 users, names in an order that differs from their usernames and creation.
  for (let i = 0; i < 120; i++) {
    const n = String(i).padStart(3, '0');
    await createUser(app, admin, {
      username: `u${n}`,
      private_display_name: `Name ${String(119 - i).padStart(3, '0')}`,
      email_address: i % 10 === 0 ? `Team${n}@Example.com` : undefined,
    });
    app.clock.advance(1000); // distinct creation times
  }
  await createUser(app, admin, { username: 'percent_user', private_display_name: '100% Sure' });
});
afterAll(() => app.close());

async function all(query: string): Promise<{ users: any[]; pages: number }> {
  const users: any[] = [];
  let cursor: string | null = '';
  let pages = 0;
  while (cursor !== null) {
    const sep = query ? '&' : '?';
    const res: { status: number; body: any } = await call(
      app,
      'GET',
      `/api/admin/users${query}${cursor ? `${sep}cursor=${cursor}` : ''}`,
      {
        token: admin,
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.users.length).toBeLessThanOrEqual(50);
    users.push(...res.body.users);
    cursor = res.body.next_cursor;
    pages++;
  }
  return { users, pages };
}

describe('GET /api/admin/users', () => {
  it('pages of 50 by username: every user once, in order', async () => {
    const first = await call(app, 'GET', '/api/admin/users', { token: admin });
    expect(first.body.users).toHaveLength(50);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const { users, pages } = await all('');
    expect(pages).toBe(3);
    expect(users).toHaveLength(122); // 120 + percent_user + admin
    const names = users.map((u) => u.username);
    expect(new Set(names).size).toBe(122);
    expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
  });

  it('sorts by name and by creation, either way', async () => {
    const byName = (await all('?sort=name')).users.map((u) => u.private_display_name);
    expect(byName.filter((n) => n.startsWith('Name ')).slice(0, 3)).toEqual(['Name 000', 'Name 001', 'Name 002']);
    const byNameDesc = (await all('?sort=-name')).users.map((u) => u.private_display_name);
    expect(byNameDesc).toEqual([...byName].reverse());
    const created = (await all('?sort=-created')).users;
    expect(created[0].username).toBe('percent_user');
    expect(created.at(-1).username).toBe(ADMIN.username);
    expect(created.map((u) => u.created_at)).toEqual(
      created
        .map((u) => u.created_at)
        .sort()
        .reverse(),
    );
    const createdAsc = (await all('?sort=created')).users.map((u) => u.id);
    expect(createdAsc).toEqual(created.map((u) => u.id).reverse());
  });

  it('searches username, display names and email, ignoring case; % and _ are plain characters', async () => {
    expect((await all('?q=U11')).users.map((u) => u.username)).toEqual([
      'u110',
      'u111',
      'u112',
      'u113',
      'u114',
      'u115',
      'u116',
      'u117',
      'u118',
      'u119',
    ]);
    expect((await all('?q=name%20119')).users.map((u) => u.username)).toEqual(['u000']);
    expect((await all('?q=team05')).users.map((u) => u.username)).toEqual(['u050']);
    expect((await all('?q=EXAMPLE.COM')).users).toHaveLength(12);
    expect((await all(`?q=${encodeURIComponent('100%')}`)).users.map((u) => u.username)).toEqual(['percent_user']);
    expect((await all(`?q=${encodeURIComponent('u_1')}`)).users).toEqual([]);
    expect((await all('?q=nobody-here')).users).toEqual([]);
    // Search and sort together, paged.
    const sorted = (await all('?q=u0&sort=-username')).users.map((u) => u.username);
    expect(sorted).toHaveLength(100);
    expect(sorted[0]).toBe('u099');
  });

  it('a foreign cursor, an unknown sort or field is 400 validation_failed', async () => {
    const forged = Buffer.from('["x"]').toString('base64url');
    for (const q of [
      '?cursor=abc',
      `?cursor=${forged}`,
      '?cursor=a%2Fb',
      '?sort=password_hash',
      '?sort=',
      '?page=2',
      `?q=${'x'.repeat(101)}`,
    ]) {
      expectError(await call(app, 'GET', `/api/admin/users${q}`, { token: admin }), 400, 'validation_failed');
    }
  });
});

describe('resetting two-factor authentication', () => {
  it('removes the authenticator: the user signs in with the password alone; audited; a second reset is 409', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, USER_PASSWORD);
    const { secret } = await enrolTwoFactor(app, token, USER_PASSWORD);
    expectError(await loginConsole(app, u.username, USER_PASSWORD), 401, 'otp_required');
    expect((await loginConsole(app, u.username, USER_PASSWORD, { otp_code: codeFor(app, secret) })).status).toBe(200);

    const res = await call(app, 'POST', `/api/admin/users/${u.id}/two-factor/reset`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: u.id, two_factor_enabled: false });
    expect((await loginConsole(app, u.username, USER_PASSWORD)).status).toBe(200);
    const [entry] = (await call(app, 'GET', '/api/admin/audit?kind=user.two_factor_reset', { token: admin })).body
      .entries;
    expect(entry).toMatchObject({ target: `user:${u.id}`, target_label: u.username, actor_username: ADMIN.username });

    expectError(
      await call(app, 'POST', `/api/admin/users/${u.id}/two-factor/reset`, { token: admin }),
      409,
      'two_factor_not_enabled',
    );
    expectError(
      await call(app, 'POST', '/api/admin/users/999999/two-factor/reset', { token: admin }),
      404,
      'not_found',
    );
    expectError(
      await call(app, 'POST', '/api/admin/users/abc/two-factor/reset', { token: admin }),
      400,
      'validation_failed',
    );
  });
});

describe("a user's sessions", () => {
  it('lists them and ends them all; the user is signed out; audited', async () => {
    const u = await createUser(app, admin);
    const t1 = await tokenFor(app, u.username, USER_PASSWORD);
    const t2 = await tokenFor(app, u.username, USER_PASSWORD);
    const list = await call(app, 'GET', `/api/admin/users/${u.id}/sessions`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions.every((s: any) => s.client === 'console' && s.current === false)).toBe(true);

    const res = await call(app, 'POST', `/api/admin/users/${u.id}/sessions/end`, { token: admin });
    expect(res.body).toEqual({ ended: 2 });
    for (const t of [t1, t2]) expectError(await call(app, 'GET', '/api/account', { token: t }), 401, 'unauthenticated');
    expect((await call(app, 'GET', `/api/admin/users/${u.id}/sessions`, { token: admin })).body.sessions).toEqual([]);
    const [entry] = (await call(app, 'GET', '/api/admin/audit?kind=user.sessions_ended', { token: admin })).body
      .entries;
    expect(entry).toMatchObject({ target: `user:${u.id}`, changes: { sessions: { old: 2, new: 0 } } });
  });

  it("ending an admin's own sessions keeps the one making the request", async () => {
    const me = (await call(app, 'GET', '/api/account', { token: admin })).body;
    const other = await adminToken(app);
    const res = await call(app, 'POST', `/api/admin/users/${me.id}/sessions/end`, { token: admin });
    expect(res.body.ended).toBeGreaterThanOrEqual(1);
    expect((await call(app, 'GET', '/api/account', { token: admin })).status).toBe(200);
    expectError(await call(app, 'GET', '/api/account', { token: other }), 401, 'unauthenticated');
  });

  it('a technician gets 403 from every user route; anonymous 401', async () => {
    const u = await createUser(app, admin);
    const tech = await tokenFor(app, u.username, USER_PASSWORD);
    for (const [method, path] of [
      ['GET', '/api/admin/users?q=u0'],
      ['GET', `/api/admin/users/${u.id}/sessions`],
      ['POST', `/api/admin/users/${u.id}/sessions/end`],
      ['POST', `/api/admin/users/${u.id}/two-factor/reset`],
    ] as const) {
      expectError(await call(app, method, path, { token: tech }), 403, 'forbidden');
      expectError(await call(app, method, path), 401, 'unauthenticated');
    }
    expect((await call(app, 'GET', '/api/account', { token: tech })).status).toBe(200);
  });
});
