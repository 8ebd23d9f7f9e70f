/**
 * Several appliance processes on one SQLite file behave as one site: two nodes started separately
 * (A and B, each its own port, so the test knows which one it talks to), and APPLIANCE_WORKERS=2
 * (two processes behind one port). Sessions, lockout counts and policy are shared through the
 * database; live events published on one process reach the sockets of the others.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/appliance.js';
import { call, createUser, loginConsole, tokenFor } from '../support/api-client.js';
import { ADMIN_ENV, startChildAppliance, type ChildAppliance } from '../support/child-appliance.js';
import { currentStep, totp } from '../support/totp.js';
import { EventClient } from './event-client.js';

/** Longer than any relay delay, far shorter than the 30 s session sweep that would also end them. */
const EVENT_TIMEOUT_MS = 10_000;
const LOCKOUT_THRESHOLD = 5;

const adminOf = (app: ChildAppliance) =>
  tokenFor(app, ADMIN_ENV.APPLIANCE_ADMIN_USERNAME, ADMIN_ENV.APPLIANCE_ADMIN_PASSWORD);

describe('two appliance processes on one SQLite file', () => {
  let a: ChildAppliance;
  let b: ChildAppliance;
  let adminOnB: string;
  beforeAll(async () => {
    const dataDir = tempDir();
    a = await startChildAppliance(dataDir, ADMIN_ENV);
    b = await startChildAppliance(dataDir);
    adminOnB = await adminOf(b);
  }, 180_000);
  afterAll(async () => {
    await a?.kill();
    await b?.kill();
  });

  it('a token from a login on A is a session on B', async () => {
    const user = await createUser(b, adminOnB);
    const token = await tokenFor(a, user.username, user.password);
    const account = await call(b, 'GET', '/api/account', { token });
    expect(account.status).toBe(200);
    expect(account.body.username).toBe(user.username);
  });

  it('disabling a user on B ends their sockets on A with session.revoked (disabled) and 4001', async () => {
    const user = await createUser(b, adminOnB);
    const token = await tokenFor(a, user.username, user.password);
    const onA = await EventClient.open(a, { authorization: `Bearer ${token}` });
    const res = await call(b, 'PATCH', `/api/admin/users/${user.id}`, { token: adminOnB, body: { enabled: false } });
    expect(res.status).toBe(200);
    expect((await onA.next('session.revoked', EVENT_TIMEOUT_MS)).data.reason).toBe('disabled');
    expect(await onA.closed()).toBe(4001);
  });

  it("a change made on B reaches the user's socket on A (account.updated) and everyone's (site.updated)", async () => {
    const user = await createUser(b, adminOnB);
    const token = await tokenFor(a, user.username, user.password);
    const onA = await EventClient.open(a, { authorization: `Bearer ${token}` });
    const patch = await call(b, 'PATCH', '/api/account', { token, body: { private_display_name: 'Changed On B' } });
    expect(patch.status).toBe(200);
    const updated = await onA.next('account.updated', EVENT_TIMEOUT_MS);
    expect(updated.data.account.private_display_name).toBe('Changed On B');

    const policy = await call(b, 'PUT', '/api/admin/security', {
      token: adminOnB,
      body: { password_reset_enabled: true },
    });
    expect(policy.status).toBe(200);
    const site = await onA.next('site.updated', EVENT_TIMEOUT_MS);
    expect(site.data.site.password_reset_enabled).toBe(true);
    // Delivered once: the relay does not echo an event back, nor twice to the same socket.
    expect(onA.messages.filter((m) => m.type === 'account.updated')).toHaveLength(1);
  });

  it('a second factor set up on B is in the account A answers, though A has answered that account before', async () => {
    const user = await createUser(b, adminOnB);
    const token = await tokenFor(a, user.username, user.password);
    for (let i = 0; i < 3; i++)
      expect((await call(a, 'GET', '/api/account', { token })).body.two_factor.enabled).toBe(false);

    const setup = await call(b, 'POST', '/api/account/two-factor/setup', { token });
    expect(setup.status).toBe(200);
    const act = await call(b, 'POST', '/api/account/two-factor/activate', {
      token,
      body: { current_password: user.password, code: totp(setup.body.secret as string, currentStep()) },
    });
    expect(act.status).toBe(200);
    const codes = (act.body.recovery_codes as string[]).length;

    // A hears of B's commit when its engine notices (a poll): read until then, within the event timeout.
    const until = Date.now() + EVENT_TIMEOUT_MS;
    let seen = (await call(a, 'GET', '/api/account', { token })).body;
    while (!seen.two_factor.enabled && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      seen = (await call(a, 'GET', '/api/account', { token })).body;
    }
    expect(seen.two_factor).toMatchObject({ enabled: true, recovery_codes_left: codes });
  });

  it('40 wrong passwords split across A and B lock the account at exactly N', async () => {
    const user = await createUser(b, adminOnB);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginConsole(i % 2 ? a : b, user.username, `split-wrong-${i}`)),
    );
    const codes = results.map((r) => r.body.error.code as string);
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(LOCKOUT_THRESHOLD - 1);
    expect(codes.filter((c) => c === 'account_locked')).toHaveLength(40 - (LOCKOUT_THRESHOLD - 1));
    expect((await loginConsole(a, user.username, user.password)).status).toBe(423);
    expect((await loginConsole(b, user.username, user.password)).status).toBe(423);
  });
});

describe('APPLIANCE_WORKERS=2', () => {
  let app: ChildAppliance;
  beforeAll(async () => {
    app = await startChildAppliance(tempDir(), { ...ADMIN_ENV, APPLIANCE_WORKERS: '2' });
  }, 180_000);
  afterAll(async () => {
    await app?.kill();
  });

  it('serves one port from two processes, and an event published on either reaches every socket', async () => {
    expect(app.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(data: .*, 2 workers\)/);
    const workers = execFileSync('ps', ['--ppid', String(app.child.pid), '-o', 'pid='], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(workers).toHaveLength(2);

    const admin = await adminOf(app);
    const user = await createUser(app, admin);
    // Connections are handed round-robin: of eight sockets, some are on each worker.
    // The sign-ins one after another: lockout counts sign-ins in flight, so eight at once would
    // lock the account (at most N verifications at a time).
    const tokens: string[] = [];
    for (let i = 0; i < 8; i++) tokens.push(await tokenFor(app, user.username, user.password));
    const sockets = await Promise.all(
      tokens.map((token) => EventClient.open(app, { authorization: `Bearer ${token}` })),
    );
    const res = await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { enabled: false } });
    expect(res.status).toBe(200);
    for (const socket of sockets) {
      expect((await socket.next('session.revoked', EVENT_TIMEOUT_MS)).data.reason).toBe('disabled');
      expect(await socket.closed()).toBe(4001);
    }
  });

  it('SIGTERM drains both workers and the primary exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => app.child.once('exit', (code) => resolve(code)));
    app.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
