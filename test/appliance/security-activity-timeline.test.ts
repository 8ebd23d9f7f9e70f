/**
 * The security timeline shows each kind of event once it happens: every action is driven through
 * the real API (sign-ins by password, authenticator code, recovery code, passkey alone and passkey
 * as second factor; changes of password, email, two-factor and passkeys; sessions ended) and read
 * back from `GET /api/account/activity`. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, tokenFor } from '../support/api-client.js';
import { alignClock, codeFor, enrolTwoFactor } from '../support/two-factor.js';
import { SoftwareAuthenticator } from '../support/software-authenticator.js';
import { addPasskey, loginWithPasskeySecondFactor, signInWithPasskey, cookiesOf } from '../support/passkeys.js';
import { startPasskeyAppliance } from '../support/passkeys.js';

interface Item {
  id: string;
  at: string;
  kind: string;
  data: Record<string, unknown>;
}

describe('security timeline', () => {
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    app = await startPasskeyAppliance();
    admin = await adminToken(app);
  });
  afterAll(async () => {
    await app.close();
  });

  const technician = async () => {
    const u = await createUser(app, admin);
    return { ...u, token: await tokenFor(app, u.username, u.password, { console_version: '2.4.1' }) };
  };
  const timeline = async (auth: { token: string } | { headers: Record<string, string> }): Promise<Item[]> => {
    const res = await call(app, 'GET', '/api/account/activity?limit=100', auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items;
  };
  const newest = async (token: string, kind: string) => (await timeline({ token })).find((i) => i.kind === kind);

  it('a console sign-in with the password: client and version, IP, method, a new device the first time', async () => {
    const u = await technician();
    const items = await timeline({ token: u.token });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'sign_in',
      data: {
        method: 'password',
        second_factor: null,
        client: 'console',
        console_version: '2.4.1',
        ip: '127.0.0.1',
        new_device: true,
      },
    });
    await tokenFor(app, u.username, u.password, { console_version: '2.4.1' });
    const again = await timeline({ token: u.token });
    expect(again.map((i) => i.kind)).toEqual(['sign_in', 'sign_in']);
    expect(again[0]!.data.new_device).toBe(false);
  });

  it('a browser sign-in: the browser and OS from the user agent', async () => {
    const u = await createUser(app, admin);
    const ua =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    const res = await call(app, 'POST', '/api/auth/login', {
      body: { username: u.username, password: u.password, client: 'web' },
      headers: { 'user-agent': ua },
    });
    expect(res.status).toBe(200);
    const [item] = await timeline({ headers: { cookie: cookiesOf(res) } });
    expect(item).toMatchObject({
      kind: 'sign_in',
      data: { client: 'web', console_version: null, browser: 'Chrome 131', os: 'Windows', method: 'password' },
    });
  });

  it('the second factor of a sign-in: authenticator code, recovery code, passkey', async () => {
    const u = await technician();
    alignClock(app);
    const { secret, recoveryCodes } = await enrolTwoFactor(app, u.token, u.password);
    expect(await newest(u.token, 'two_factor_changed')).toMatchObject({ data: { change: 'enabled' } });

    const withCode = await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, secret) });
    expect(withCode.status).toBe(200);
    expect(await newest(u.token, 'sign_in')).toMatchObject({ data: { method: 'password', second_factor: 'totp' } });

    const withRecovery = await loginConsole(app, u.username, u.password, { recovery_code: recoveryCodes[0] });
    expect(withRecovery.status).toBe(200);
    expect(await newest(u.token, 'sign_in')).toMatchObject({
      data: { method: 'password', second_factor: 'recovery_code' },
    });

    const web = await call(app, 'POST', '/api/auth/login', {
      body: { username: u.username, password: u.password, client: 'web', otp_code: codeFor(app, secret, 1) },
    });
    expect(web.status).toBe(200);
    const authenticator = new SoftwareAuthenticator();
    const cookie = cookiesOf(web);
    await addPasskey(app, { headers: { cookie, 'x-csrf-token': web.body.csrf_token } }, authenticator, 'Laptop key');
    const viaPasskey = await loginWithPasskeySecondFactor(app, u, authenticator);
    expect(viaPasskey.status).toBe(200);
    expect((await timeline({ headers: { cookie: cookiesOf(viaPasskey) } }))[0]).toMatchObject({
      kind: 'sign_in',
      data: { method: 'password', second_factor: 'passkey', client: 'web' },
    });
  });

  it('a passwordless passkey sign-in, and passkey changes with the name', async () => {
    const u = await createUser(app, admin);
    const web = await call(app, 'POST', '/api/auth/login', {
      body: { username: u.username, password: u.password, client: 'web' },
    });
    const headers = { cookie: cookiesOf(web), 'x-csrf-token': web.body.csrf_token };
    const authenticator = new SoftwareAuthenticator();
    const key = await addPasskey(app, { headers }, authenticator, 'Phone');
    expect(
      (await call(app, 'PATCH', `/api/account/passkeys/${key.id}`, { headers, body: { name: 'Old phone' } })).status,
    ).toBe(200);

    const signedIn = await signInWithPasskey(app, authenticator);
    expect(signedIn.status).toBe(200);
    const items = await timeline({ headers: { cookie: cookiesOf(signedIn) } });
    expect(items[0]).toMatchObject({ kind: 'sign_in', data: { method: 'passkey', second_factor: null } });
    const changes = items.filter((i) => i.kind === 'passkey_changed').map((i) => i.data);
    expect(changes).toEqual([
      { change: 'renamed', name: 'Old phone' },
      { change: 'registered', name: 'Phone' },
    ]);
  });

  it('password and email changes, and the sessions they end, with who ended them', async () => {
    const u = await technician();
    const beforeEmail = await tokenFor(app, u.username, u.password);
    const email = await call(app, 'PUT', '/api/account/email', {
      token: u.token,
      body: { email_address: 'timeline@example.test', current_password: u.password },
    });
    expect(email.status).toBe(200);
    expect((await call(app, 'GET', '/api/account', { token: beforeEmail })).status).toBe(401);
    const beforePassword = await tokenFor(app, u.username, u.password);
    const newPassword = 'Another-Horse-77-Staple';
    const changed = await call(app, 'PUT', '/api/account/password', {
      token: u.token,
      body: { username: u.username, current_password: u.password, new_password: newPassword },
    });
    expect(changed.status).toBe(204);
    expect((await call(app, 'GET', '/api/account', { token: beforePassword })).status).toBe(401);

    const kinds = (await timeline({ token: u.token })).map((i) => [i.kind, i.data]);
    // A change and the sessions it ended happen together; their order is not part of the contract.
    expect(kinds.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ['sessions_ended', { reason: 'password_changed', count: 1 }],
        ['password_changed', { via: 'account' }],
      ]),
    );
    expect(kinds[2]![0]).toBe('sign_in'); // the session the password change then ended
    expect(kinds.slice(3, 5)).toEqual(
      expect.arrayContaining([
        ['sessions_ended', { reason: 'email_changed', count: 1 }],
        ['email_changed', {}],
      ]),
    );
  });

  it('sessions ended by the person from the session list, and by an administrator disabling the account', async () => {
    const u = await technician();
    const second = await tokenFor(app, u.username, u.password);
    const list = await call(app, 'GET', '/api/account/sessions', { token: second });
    const first = list.body.sessions.find((s: { current: boolean }) => !s.current);
    expect((await call(app, 'DELETE', `/api/account/sessions/${first.id}`, { token: second })).status).toBe(204);
    expect(await newest(second, 'sessions_ended')).toMatchObject({ data: { reason: 'ended_by_user', count: 1 } });

    expect(
      (await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { enabled: false } })).status,
    ).toBe(200);
    const read = await call(app, 'GET', `/api/admin/users/${u.id}/activity`, { token: admin });
    expect(read.body.items[0]).toMatchObject({ kind: 'sessions_ended', data: { reason: 'disabled', count: 1 } });
  });

  it('failed attempts grouped per method and IP, the lockout they cause, and the unlock by an administrator', async () => {
    const u = await technician();
    alignClock(app);
    const { secret } = await enrolTwoFactor(app, u.token, u.password);
    for (let n = 0; n < 2; n++) expect((await loginConsole(app, u.username, 'Wrong-Password-1')).status).toBe(401);
    const wrongCode = codeFor(app, secret) === '000000' ? '111111' : '000000';
    expect((await loginConsole(app, u.username, u.password, { otp_code: wrongCode })).status).toBe(401);
    expect((await loginConsole(app, u.username, 'Wrong-Password-1')).status).toBe(401);
    // The fifth failure locks (lockout after 5 by default).
    expect((await loginConsole(app, u.username, 'Wrong-Password-1')).status).toBe(423);

    const read = async () =>
      (await call(app, 'GET', `/api/admin/users/${u.id}/activity`, { token: admin })).body.items as Item[];
    const locked = await read();
    const failures = locked.filter((i) => i.kind === 'sign_in_failed');
    expect(failures.map((i) => [i.data.method, i.data.count])).toEqual([
      ['totp', 1],
      ['password', 4],
    ]);
    expect(failures[1]!.data).toMatchObject({ ip: '127.0.0.1', client: 'console' });
    expect(Date.parse(failures[1]!.data.last_at as string)).toBeGreaterThanOrEqual(Date.parse(failures[1]!.at));
    const lock = locked.find((i) => i.kind === 'locked');
    expect(lock).toBeDefined();
    expect(Date.parse(lock!.data.until as string)).toBeGreaterThan(Date.parse(lock!.at));

    expect(
      (await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { unlock: true } })).status,
    ).toBe(200);
    expect((await read())[0]).toMatchObject({ kind: 'unlocked', data: { by: 'admin' } });
  });

  it('update tokens issued to the console and revoked by an administrator', async () => {
    const u = await technician();
    const issued = await call(app, 'POST', '/api/console/update-token', {
      token: u.token,
      body: { install_id: 'install-77' },
    });
    expect(issued.status).toBe(200);
    expect(await newest(u.token, 'update_token_issued')).toMatchObject({ data: { install_id: 'install-77' } });
    const list = await call(app, 'GET', '/api/admin/update-tokens', { token: admin });
    const mine = list.body.items.find((t: { install_id: string }) => t.install_id === 'install-77');
    expect((await call(app, 'DELETE', `/api/admin/update-tokens/${mine.id}`, { token: admin })).status).toBe(204);
    expect(await newest(u.token, 'update_token_revoked')).toMatchObject({
      data: { install_id: 'install-77', reason: 'admin' },
    });
  });

  it('signing out is not an entry', async () => {
    const u = await technician();
    const second = await tokenFor(app, u.username, u.password);
    expect((await call(app, 'POST', '/api/auth/logout', { token: second })).status).toBe(204);
    expect((await timeline({ token: u.token })).map((i) => i.kind)).toEqual(['sign_in', 'sign_in']);
  });
});
