/**
 * The security activity routes against the real appliance: a person's own timeline
 * (`GET /api/account/activity`) and an administrator's read of anyone's
 * (`GET /api/admin/users/{id}/activity`): newest first, paged with a cursor, the 90-day window,
 * every refusal, and who may read whose. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, tokenFor } from '../support/api-client.js';

describe('security activity routes', () => {
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    app = await startTestAppliance();
    admin = await adminToken(app);
  });
  afterAll(async () => {
    await app.close();
  });

  const technician = async () => {
    const u = await createUser(app, admin);
    return { ...u, token: await tokenFor(app, u.username, u.password) };
  };
  const changeEmail = (u: { token: string; password: string }, n: number) =>
    call(app, 'PUT', '/api/account/email', {
      token: u.token,
      body: { email_address: `tech${n}@example.test`, current_password: u.password },
    });
  const activity = (token: string, query = '') => call(app, 'GET', `/api/account/activity${query}`, { token });
  const kinds = (items: Array<{ kind: string }>) => items.map((i) => i.kind);

  it('shows what happened newest first, each entry with an id, a time, a kind and its data', async () => {
    const u = await technician();
    expect((await changeEmail(u, 1)).status).toBe(200);
    const other = await tokenFor(app, u.username, u.password);
    const sessions = await call(app, 'GET', '/api/account/sessions', { token: other });
    const first = sessions.body.sessions.find((s: { current: boolean }) => !s.current);
    expect((await call(app, 'DELETE', `/api/account/sessions/${first.id}`, { token: other })).status).toBe(204);

    const page = await activity(other);
    expect(page.status).toBe(200);
    const [ended, email] = page.body.items.filter((i: { kind: string }) => i.kind !== 'sign_in');
    expect(ended).toMatchObject({ kind: 'sessions_ended', data: { reason: 'ended_by_user', count: 1 } });
    expect(email).toMatchObject({ kind: 'email_changed', data: {} });
    expect(Number(ended.id)).toBeGreaterThan(Number(email.id));
    expect(Date.parse(ended.at)).toBeGreaterThanOrEqual(Date.parse(email.at));
    expect(page.body.next_cursor).toBeNull();
  });

  it('pages with the cursor: every entry once, newest first, and no cursor after the last page', async () => {
    const u = await technician();
    for (let n = 0; n < 7; n++) expect((await changeEmail(u, 100 + n)).status).toBe(200);
    const all = (await activity(u.token, '?limit=100')).body.items;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await activity(u.token, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(all.map((i: { id: string }) => i.id));
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
    expect(kinds(all).filter((k) => k === 'email_changed')).toHaveLength(7);
    expect(pages).toBe(Math.ceil(all.length / 3));
  });

  it('shows only the last 90 days', async () => {
    const u = await technician();
    expect((await changeEmail(u, 200)).status).toBe(200);
    expect(kinds((await activity(u.token)).body.items)).toContain('email_changed');
    app.clock.advance(91 * 24 * 60 * 60_000);
    try {
      const token = await tokenFor(app, u.username, u.password);
      expect(kinds((await activity(token)).body.items)).not.toContain('email_changed');
    } finally {
      app.clock.advance(-91 * 24 * 60 * 60_000);
    }
  });

  it('refuses a bad cursor, a bad limit and unknown parameters', async () => {
    const u = await technician();
    expectError(await activity(u.token, '?cursor=abc'), 400, 'validation_failed');
    expectError(await activity(u.token, '?cursor=0'), 400, 'validation_failed');
    expectError(await activity(u.token, '?limit=0'), 400, 'validation_failed');
    expectError(await activity(u.token, '?limit=101'), 400, 'validation_failed');
    expectError(await activity(u.token, '?limit=ten'), 400, 'validation_failed');
    expectError(await activity(u.token, '?user_id=1'), 400, 'validation_failed');
  });

  it('needs a session', async () => {
    expectError(await call(app, 'GET', '/api/account/activity'), 401, 'unauthenticated');
    expectError(await call(app, 'GET', '/api/account/activity', { token: 'not-a-token' }), 401, 'unauthenticated');
    expectError(await call(app, 'GET', '/api/admin/users/1/activity'), 401, 'unauthenticated');
  });

  it("lets an administrator read any user's activity, and a technician no one else's", async () => {
    const a = await technician();
    const b = await technician();
    expect((await changeEmail(a, 300)).status).toBe(200);

    const read = await call(app, 'GET', `/api/admin/users/${a.id}/activity`, { token: admin });
    expect(read.status).toBe(200);
    expect(kinds(read.body.items)).toContain('email_changed');
    expect(kinds((await activity(b.token)).body.items)).not.toContain('email_changed');

    expectError(await call(app, 'GET', `/api/admin/users/${a.id}/activity`, { token: b.token }), 403, 'forbidden');
    expectError(await call(app, 'GET', `/api/admin/users/${b.id}/activity`, { token: b.token }), 403, 'forbidden');
  });

  it('answers an administrator 404 for an unknown user and 400 for a malformed id or cursor', async () => {
    expectError(await call(app, 'GET', '/api/admin/users/999999/activity', { token: admin }), 404, 'not_found');
    expectError(await call(app, 'GET', '/api/admin/users/abc/activity', { token: admin }), 400, 'validation_failed');
    expectError(
      await call(app, 'GET', '/api/admin/users/1/activity?cursor=-1', { token: admin }),
      400,
      'validation_failed',
    );
  });
});
