/**
 * Login, logout, bearer and cookie sessions, CSRF, idle timeout, restricted sessions and the
 * session list, against the real appliance over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOtherConnection, waitUntil } from '../support/test-database.js';
import { ADMIN, startTestAppliance, TEST_PASSWORD_HASH_COST, type TestAppliance } from '../support/appliance.js';
import { ARGON2_COST } from '../../src-appliance/auth/password-hash.js';
import {
  adminToken,
  call,
  createUser,
  loginConsole,
  loginWeb,
  setSecurity,
  tokenFor,
  webHeaders,
} from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

describe('POST /api/auth/login', () => {
  it('console login returns a bearer token, expiry and the account; the database keeps only its hash', async () => {
    const res = await loginConsole(app, ADMIN.username, ADMIN.password, {
      console_version: '1.0.0',
      install_id: 'install-abc-123',
    });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.csrf_token).toBeUndefined();
    expect(Date.parse(res.body.expires_at)).toBeGreaterThan(Date.now());
    expect(res.body.account).toMatchObject({
      username: 'admin',
      is_admin: true,
      password_change_required: false,
      two_factor: { enabled: false },
    });
    expect(res.headers.getSetCookie()).toEqual([]);
    const rows = await app.ctx.db.selectFrom('sessions').select(['token_hash', 'install_id']).execute();
    expect(rows.some((r) => r.token_hash.includes(res.body.token))).toBe(false);
    expect(rows.some((r) => r.install_id === 'install-abc-123')).toBe(true);
  });

  it('passwords are stored as argon2id with the OWASP parameters (19 MiB, t=2, p=1) by default', async () => {
    // The product's default: an appliance built without the test-only cost (the shared one uses it).
    const product = await startTestAppliance({}, { productionPasswordHashing: true });
    try {
      const u = await createUser(product, await adminToken(product));
      const stored = async (id: number) =>
        (
          await product.ctx.db
            .selectFrom('users')
            .select('password_hash')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).password_hash;
      const argon2Params = (hash: string) => {
        const [, algorithm, version, params] = hash.split('$');
        return { algorithm, version, ...Object.fromEntries(params!.split(',').map((kv) => kv.split('='))) };
      };
      const owasp = { algorithm: 'argon2id', version: 'v=19', m: '19456', t: '2', p: '1' };
      expect(argon2Params(await stored(u.id))).toEqual(owasp);
      expect(await stored(u.id)).not.toContain(u.password);
      const firstAdmin = await product.ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', ADMIN.username)
        .executeTakeFirstOrThrow();
      expect(argon2Params(await stored(firstAdmin.id))).toEqual(owasp);
      expect(product.ctx.passwordHashCost).toEqual(ARGON2_COST);
      expect(app.ctx.passwordHashCost).toEqual(TEST_PASSWORD_HASH_COST);
    } finally {
      await product.close();
    }
  });

  it('usernames match case-insensitively', async () => {
    expect((await loginConsole(app, 'ADMIN', ADMIN.password)).status).toBe(200);
  });

  it('wrong password and unknown user give the same 401 invalid_credentials', async () => {
    const wrong = await loginConsole(app, ADMIN.username, 'nope-nope-nope');
    const unknown = await loginConsole(app, 'nobody-here', 'nope-nope-nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(unknown.body).toEqual(wrong.body);
    await tokenFor(app, ADMIN.username, ADMIN.password); // resets the admin's failure count
  });

  it('a disabled account is 403 account_disabled (only with the right password)', async () => {
    const u = await createUser(app, admin);
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { enabled: false } });
    expect((await loginConsole(app, u.username, u.password)).body.error.code).toBe('account_disabled');
    expect((await loginConsole(app, u.username, u.password)).status).toBe(403);
    expect((await loginConsole(app, u.username, 'wrong-password-1')).body.error.code).toBe('invalid_credentials');
  });

  it('a missing client field is 400 validation_failed', async () => {
    const res = await call(app, 'POST', '/api/auth/login', { body: { username: 'a', password: 'b' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});

describe('browser sessions: HttpOnly SameSite=Strict cookie and CSRF', () => {
  it('web login sets the session only as an HttpOnly cookie and returns a csrf_token, no token', async () => {
    const web = await loginWeb(app, ADMIN.username, ADMIN.password);
    expect(web.res.status).toBe(200);
    expect(web.res.body.token).toBeUndefined();
    const cookies = web.res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).not.toMatch(/Secure/); // http public URL
    const csrf = cookies.find((c) => c.startsWith('csrf_token='))!;
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toContain(web.csrf);
  });

  it('GET works with the cookie alone; unsafe methods need X-CSRF-Token matching the cookie and the session', async () => {
    const web = await loginWeb(app, ADMIN.username, ADMIN.password);
    expect((await call(app, 'GET', '/api/account', { headers: webHeaders(web, false) })).status).toBe(200);
    const noHeader = await call(app, 'PATCH', '/api/account', {
      headers: webHeaders(web, false),
      body: { private_display_name: 'Admin' },
    });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.error.code).toBe('csrf_failed');
    const other = await loginWeb(app, ADMIN.username, ADMIN.password);
    // The header equals a cookie the attacker planted, but belongs to another session: refused.
    const planted = await call(app, 'PATCH', '/api/account', {
      headers: {
        cookie: `session=${web.cookie.split('session=')[1]!.split(';')[0]}; csrf_token=${other.csrf}`,
        'x-csrf-token': other.csrf,
      },
      body: { private_display_name: 'Admin' },
    });
    expect(planted.body.error.code).toBe('csrf_failed');
    const ok = await call(app, 'PATCH', '/api/account', {
      headers: webHeaders(web),
      body: { private_display_name: 'admin' },
    });
    expect(ok.status).toBe(200);
  });

  it('the cookie is Secure when the public URL is https', async () => {
    const secureApp = await startTestAppliance({ publicUrl: 'https://support.example.com' });
    try {
      const web = await loginWeb(secureApp, ADMIN.username, ADMIN.password);
      expect(web.res.headers.getSetCookie().find((c) => c.startsWith('session='))).toMatch(/; Secure/);
    } finally {
      await secureApp.close();
    }
  });
});

describe('POST /api/auth/logout', () => {
  it('ends the session (204), after which the token is 401 unauthenticated', async () => {
    const token = await tokenFor(app, ADMIN.username, ADMIN.password);
    expect((await call(app, 'POST', '/api/auth/logout', { token })).status).toBe(204);
    const after = await call(app, 'GET', '/api/account', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('without a session is 401; a web logout clears the cookies', async () => {
    expect((await call(app, 'POST', '/api/auth/logout')).body.error.code).toBe('unauthenticated');
    const web = await loginWeb(app, ADMIN.username, ADMIN.password);
    const res = await call(app, 'POST', '/api/auth/logout', { headers: webHeaders(web) });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/session=;/);
    expect((await call(app, 'GET', '/api/account', { headers: webHeaders(web) })).status).toBe(401);
  });
});

describe('idle timeout from the policy', () => {
  it('a session idle longer than session_idle_timeout_minutes is 401 session_expired; activity keeps it alive', async () => {
    await setSecurity(app, admin, { session_idle_timeout_minutes: 10 });
    try {
      const u = await createUser(app, admin);
      const token = await tokenFor(app, u.username, u.password);
      app.clock.advance(9 * 60_000);
      expect((await call(app, 'GET', '/api/account', { token })).status).toBe(200);
      app.clock.advance(9 * 60_000); // 18 minutes since login, 9 since last use
      expect((await call(app, 'GET', '/api/account', { token })).status).toBe(200);
      app.clock.advance(10 * 60_000 + 1000);
      const res = await call(app, 'GET', '/api/account', { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('session_expired');
      expect((await call(app, 'GET', '/api/account', { token })).body.error.code).toBe('unauthenticated');
    } finally {
      admin = await adminToken(app);
      await setSecurity(app, admin, { session_idle_timeout_minutes: 60 });
    }
  });
});

describe('absolute session lifetime', () => {
  it('a session ends 12 hours after login however active it is', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    for (let minutes = 50; minutes <= 700; minutes += 50) {
      app.clock.advance(50 * 60_000);
      expect((await call(app, 'GET', '/api/account', { token })).status, `after ${minutes} min`).toBe(200);
    }
    app.clock.advance(50 * 60_000); // 750 minutes since login, 50 since the last request
    const res = await call(app, 'GET', '/api/account', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('session_expired');
    admin = await adminToken(app);
  });
});

describe('session lookup cache', () => {
  it('a change committed by another connection (another process or node, the CLI) is seen once the engine notices it', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    expect((await call(app, 'GET', '/api/account', { token })).status).toBe(200);
    expect((await call(app, 'GET', '/api/account', { token })).status).toBe(200); // served from the cache
    const noticed = app.ctx.changes.elsewhereVersion;
    const other = await openOtherConnection(app);
    try {
      await other.db.updateTable('users').set({ enabled: 0 }).where('id', '=', u.id).execute();
    } finally {
      await other.close();
    }
    await waitUntil(() => app.ctx.changes.elsewhereVersion > noticed, 'the other connection’s commit is noticed');
    const res = await call(app, 'GET', '/api/account', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('session_expired');
  });

  it('a change through this process (admin flag) is seen by the next request', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    expect((await call(app, 'GET', '/api/account/sessions', { token })).status).toBe(200);
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { password_change_required: true } });
    expect((await call(app, 'GET', '/api/account/sessions', { token })).body.error.code).toBe(
      'password_change_required',
    );
  });
});

describe('site state', () => {
  it('a random 32-byte site secret and the package version are created at first start', async () => {
    const rows = Object.fromEntries(
      (await app.ctx.db.selectFrom('site_state').select(['key', 'value']).execute()).map((r) => [r.key, r.value]),
    );
    expect(rows.site_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.software_version).toBe('1.0.0');
    expect(rows.console_version).toBe('1.0.0');
  });
});

describe('sessions list and ending a session', () => {
  it('lists the user’s sessions with the current one marked, and ends another by id', async () => {
    const u = await createUser(app, admin);
    const a = await tokenFor(app, u.username, u.password);
    const b = await tokenFor(app, u.username, u.password);
    const list = await call(app, 'GET', '/api/account/sessions', {
      token: a,
      headers: { 'user-agent': 'test-agent/1' },
    });
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const s0 = list.body.sessions[0];
    expect(Object.keys(s0).sort()).toEqual([
      'client',
      'created_at',
      'current',
      'id',
      'ip',
      'last_seen_at',
      'user_agent',
    ]);
    expect(s0.ip).toBe('127.0.0.1');
    const other = list.body.sessions.find((s: { current: boolean }) => !s.current);
    expect((await call(app, 'DELETE', `/api/account/sessions/${other.id}`, { token: a })).status).toBe(204);
    expect((await call(app, 'GET', '/api/account', { token: b })).status).toBe(401);
    expect((await call(app, 'GET', '/api/account', { token: a })).status).toBe(200);
  });

  it('another user’s session id or an unknown id is 404 not_found; a malformed id 400', async () => {
    const u1 = await createUser(app, admin);
    const u2 = await createUser(app, admin);
    const t1 = await tokenFor(app, u1.username, u1.password);
    const t2 = await tokenFor(app, u2.username, u2.password);
    const id2 = (await call(app, 'GET', '/api/account/sessions', { token: t2 })).body.sessions[0].id;
    const res = await call(app, 'DELETE', `/api/account/sessions/${id2}`, { token: t1 });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await call(app, 'GET', '/api/account', { token: t2 })).status).toBe(200);
    expect((await call(app, 'DELETE', '/api/account/sessions/nope', { token: t1 })).body.error.code).toBe('not_found');
    expect((await call(app, 'DELETE', `/api/account/sessions/${'%3Cscript%3E'}`, { token: t1 })).status).toBe(400);
  });
});
