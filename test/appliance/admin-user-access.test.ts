/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field in the tests */
/**
 * Where one user has access, for an administrator: the update tokens of their console installs,
 * ending one of their sessions (audited, the others kept), and `last_admin`, which tells the
 * screen before anyone tries that the only enabled administrator cannot be demoted or disabled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, tokenFor, USER_PASSWORD } from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

const userNamed = async (username: string) =>
  (await call(app, 'GET', `/api/admin/users?q=${username}`, { token: admin })).body.users.find(
    (u: any) => u.username === username,
  );

describe('last_admin', () => {
  it('marks the only enabled administrator, and nobody once a second one is enabled', async () => {
    expect(await userNamed(ADMIN.username)).toMatchObject({ is_admin: true, last_admin: true });
    const second = await createUser(app, admin, { username: 'second_admin' });
    expect((await userNamed('second_admin')).last_admin).toBe(false);
    const promoted = await call(app, 'PATCH', `/api/admin/users/${second.id}`, {
      token: admin,
      body: { is_admin: true },
    });
    expect(promoted.body).toMatchObject({ is_admin: true, last_admin: false });
    expect((await userNamed(ADMIN.username)).last_admin).toBe(false);
    // A disabled administrator does not count: the first is the last enabled one again.
    await call(app, 'PATCH', `/api/admin/users/${second.id}`, { token: admin, body: { enabled: false } });
    expect((await userNamed(ADMIN.username)).last_admin).toBe(true);
    expect((await userNamed('second_admin')).last_admin).toBe(false);
    // As the API enforces it.
    expectError(
      await call(app, 'PATCH', `/api/admin/users/${(await userNamed(ADMIN.username)).id}`, {
        token: admin,
        body: { is_admin: false },
      }),
      409,
      'conflict',
    );
  });
});

describe("a user's update tokens", () => {
  it("lists only that user's installs, newest first, revoked ones marked", async () => {
    const a = await createUser(app, admin, { username: 'token_a' });
    const b = await createUser(app, admin, { username: 'token_b' });
    const issue = async (username: string, install: string) => {
      const token = await tokenFor(app, username, USER_PASSWORD, { install_id: install });
      expect(
        (await call(app, 'POST', '/api/console/update-token', { token, body: { install_id: install } })).status,
      ).toBe(200);
      app.clock.advance(1000);
    };
    await issue('token_a', 'install-a-one');
    await issue('token_b', 'install-b-one');
    await issue('token_a', 'install-a-two');
    const list = await call(app, 'GET', `/api/admin/users/${a.id}/update-tokens`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: any) => t.install_id)).toEqual(['install-a-two', 'install-a-one']);
    expect(list.body.items.every((t: any) => t.username === 'token_a' && t.revoked_at === null)).toBe(true);

    expect(
      (await call(app, 'DELETE', `/api/admin/update-tokens/${list.body.items[1].id}`, { token: admin })).status,
    ).toBe(204);
    const after = (await call(app, 'GET', `/api/admin/users/${a.id}/update-tokens`, { token: admin })).body.items;
    expect(after.map((t: any) => [t.install_id, t.revoked_at !== null])).toEqual([
      ['install-a-two', false],
      ['install-a-one', true],
    ]);
    const ofB = (await call(app, 'GET', `/api/admin/users/${b.id}/update-tokens`, { token: admin })).body.items;
    expect(ofB.map((t: any) => t.install_id)).toEqual(['install-b-one']);
    expectError(await call(app, 'GET', '/api/admin/users/999999/update-tokens', { token: admin }), 404, 'not_found');
  });
});

describe("ending one of a user's sessions", () => {
  it('ends that session only, audits it, and refuses a session of someone else', async () => {
    const u = await createUser(app, admin, { username: 'two_sessions' });
    const other = await createUser(app, admin, { username: 'bystander' });
    const first = await tokenFor(app, u.username, USER_PASSWORD);
    const second = await tokenFor(app, u.username, USER_PASSWORD);
    const theirs = await tokenFor(app, other.username, USER_PASSWORD);
    const sessions = (await call(app, 'GET', `/api/admin/users/${u.id}/sessions`, { token: admin })).body.sessions;
    expect(sessions).toHaveLength(2);
    const bystanderSession = (await call(app, 'GET', `/api/admin/users/${other.id}/sessions`, { token: admin })).body
      .sessions[0];

    // Another user's session through this user's address: nothing ends.
    expectError(
      await call(app, 'DELETE', `/api/admin/users/${u.id}/sessions/${bystanderSession.id}`, { token: admin }),
      404,
      'not_found',
    );
    expect((await call(app, 'GET', '/api/account', { token: theirs })).status).toBe(200);

    const newest = sessions[0].id as string;
    const res = await call(app, 'DELETE', `/api/admin/users/${u.id}/sessions/${newest}`, { token: admin });
    expect(res.status).toBe(204);
    const left = (await call(app, 'GET', `/api/admin/users/${u.id}/sessions`, { token: admin })).body.sessions;
    expect(left.map((s: any) => s.id)).toEqual([sessions[1].id]);
    const alive = await Promise.all(
      [first, second].map(async (t) => (await call(app, 'GET', '/api/account', { token: t })).status),
    );
    expect(alive.sort()).toEqual([200, 401]);
    expectError(
      await call(app, 'DELETE', `/api/admin/users/${u.id}/sessions/${newest}`, { token: admin }),
      404,
      'not_found',
    );

    const [entry] = (await call(app, 'GET', '/api/admin/audit?kind=user.session_ended', { token: admin })).body.entries;
    expect(entry).toMatchObject({
      actor_username: ADMIN.username,
      target: `user:${u.id}`,
      target_label: u.username,
      changes: { sessions: { old: 1, new: 0 } },
    });
    const activity = (await call(app, 'GET', `/api/admin/users/${u.id}/activity`, { token: admin })).body.items;
    expect(activity[0]).toMatchObject({ kind: 'sessions_ended', data: { reason: 'ended_by_admin', count: 1 } });
  });

  it('a technician gets 403 and anonymous 401 from both routes; bad ids are 400', async () => {
    const u = await createUser(app, admin, { username: 'not_an_admin' });
    const tech = await tokenFor(app, u.username, USER_PASSWORD);
    for (const [method, path] of [
      ['GET', `/api/admin/users/${u.id}/update-tokens`],
      ['DELETE', `/api/admin/users/${u.id}/sessions/abcdef`],
    ] as const) {
      expectError(await call(app, method, path, { token: tech }), 403, 'forbidden');
      expectError(await call(app, method, path), 401, 'unauthenticated');
    }
    expectError(await call(app, 'GET', '/api/admin/users/0/update-tokens', { token: admin }), 400, 'validation_failed');
    expectError(
      await call(app, 'DELETE', `/api/admin/users/${u.id}/sessions/not%20a%20session`, { token: admin }),
      400,
      'validation_failed',
    );
    expect((await call(app, 'GET', '/api/account', { token: tech })).status).toBe(200);
  });
});
