/**
 * The live-event WebSocket against the real appliance: refused without a session or from another
 * origin; account.updated and site.updated arrive; a password change in one session ends the
 * others, which receive session.revoked and are closed; dead peers are dropped by the heartbeat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginWeb, setSecurity, tokenFor } from '../support/api-client.js';
import { heartbeatOf } from '../../src-appliance/events/feature.js';
import { sweepEndedSessions } from '../../src-appliance/events/session-sweep.js';
import { EventClient } from './event-client.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('live events socket', () => {
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    app = await startTestAppliance();
    admin = await adminToken(app);
  });
  afterAll(() => app.close());

  it('refuses an upgrade without a session, with a bad token, or from a foreign origin with a cookie', async () => {
    await expect(EventClient.open(app, {})).rejects.toMatchObject({ status: 401 });
    await expect(EventClient.open(app, bearer('x'.repeat(43)))).rejects.toMatchObject({ status: 401 });
    const u = await createUser(app, admin);
    const web = await loginWeb(app, u.username, u.password);
    await expect(EventClient.open(app, { cookie: web.cookie, origin: 'https://evil.example' })).rejects.toMatchObject({
      status: 403,
    });
    const ok = await EventClient.open(app, { cookie: web.cookie, origin: app.url });
    ok.ws.close();
    const plain = await call(app, 'GET', '/api/events');
    expect([plain.status, plain.body.error.code]).toEqual([400, 'bad_request']);
  });

  it("pushes account.updated to the user's sockets and site.updated to everyone", async () => {
    const u = await createUser(app, admin);
    const v = await createUser(app, admin);
    const tu = await tokenFor(app, u.username, u.password);
    const tv = await tokenFor(app, v.username, v.password);
    const cu = await EventClient.open(app, bearer(tu));
    const cv = await EventClient.open(app, bearer(tv));
    expect(
      (await call(app, 'PATCH', '/api/account', { token: tu, body: { private_display_name: 'Ada Live' } })).status,
    ).toBe(200);
    const upd = await cu.next('account.updated');
    expect(upd.data.account.private_display_name).toBe('Ada Live');
    await setSecurity(app, admin, { min_password_length: 9 });
    for (const c of [cu, cv])
      expect((await c.next('site.updated')).data.site.password_policy.min_password_length).toBe(9);
    expect(cv.messages.some((m) => m.type === 'account.updated')).toBe(false); // not someone else's account
    await setSecurity(app, admin, { min_password_length: 8 });
    cu.ws.close();
    cv.ws.close();
  });

  it('a password change in one session ends the others, which receive session.revoked and close', async () => {
    const u = await createUser(app, admin);
    const [ta, tb, tc] = await Promise.all([1, 2, 3].map(() => tokenFor(app, u.username, u.password)));
    const [a, b, c] = await Promise.all([ta!, tb!, tc!].map((t) => EventClient.open(app, bearer(t))));
    const changed = await call(app, 'PUT', '/api/account/password', {
      token: ta,
      body: { username: u.username, current_password: u.password, new_password: 'Another-Good-Passw0rd-9' },
    });
    expect(changed.status).toBe(204);
    for (const other of [b!, c!]) {
      expect((await other.next('session.revoked')).data).toEqual({ reason: 'password_changed' });
      expect(await other.closed()).toBe(4001);
    }
    expect((await call(app, 'GET', '/api/account', { token: tb })).status).toBe(401);
    // The session that changed the password keeps its socket and gets the new account state.
    await a!.next('account.updated');
    expect(a!.closeCode).toBeNull();
    expect(a!.messages.some((m) => m.type === 'session.revoked')).toBe(false);
    a!.ws.close();
  });

  it("logging out ends that session's socket with session.revoked", async () => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    const s = await EventClient.open(app, bearer(t));
    expect((await call(app, 'POST', '/api/auth/logout', { token: t })).status).toBe(204);
    expect((await s.next('session.revoked')).data.reason).toBe('logged_out');
    expect(await s.closed()).toBe(4001);
  });

  it('drops a peer that stops answering pings, keeps one that answers', async () => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    const alive = await EventClient.open(app, bearer(t));
    const dead = await EventClient.open(app, bearer(t), { autoPong: false });
    const hb = heartbeatOf(app.ctx)!;
    hb.beat(); // ping both
    await new Promise((r) => setTimeout(r, 200)); // the live one pongs
    hb.beat(); // the silent one is terminated
    expect(await dead.closed()).toBe(1006);
    await new Promise((r) => setTimeout(r, 100));
    expect(alive.closeCode).toBeNull();
    alive.ws.close();
  });

  it('an open socket does not outlive its session: idle timeout and disabled users end it', async () => {
    const u = await createUser(app, admin);
    const v = await createUser(app, admin);
    const tu = await tokenFor(app, u.username, u.password);
    const tv = await tokenFor(app, v.username, v.password);
    const su = await EventClient.open(app, bearer(tu));
    const sv = await EventClient.open(app, bearer(tv));
    expect(await sweepEndedSessions(app.ctx)).toBe(0);

    expect(
      (await call(app, 'PATCH', `/api/admin/users/${v.id}`, { token: admin, body: { enabled: false } })).status,
    ).toBe(200);
    await sweepEndedSessions(app.ctx);
    expect((await sv.next('session.revoked')).data.reason).toBe('disabled');
    expect(await sv.closed()).toBe(4001);

    app.clock.advance(61 * 60_000); // past the 60-minute idle timeout, socket still open
    expect(su.closeCode).toBeNull();
    expect(await sweepEndedSessions(app.ctx)).toBeGreaterThanOrEqual(1);
    expect((await su.next('session.revoked')).data.reason).toBe('expired');
    expect(await su.closed()).toBe(4001);
    admin = await adminToken(app); // the admin's own session ran out too
  });
});
