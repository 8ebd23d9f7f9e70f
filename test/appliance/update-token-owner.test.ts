/**
 * Update tokens die with their owner's access: an admin disabling the user or ending all their
 * sessions revokes the user's update tokens (the feed refuses them, the timeline says so), and a
 * console session that signed in without an install id cannot rotate an install's live token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { call, createUser, expectError } from '../support/api-client.js';
import { consoleToken, makeBuild, requestUpdateToken } from '../support/console-updates.js';
import { publishSigned } from '../support/release-key.js';

describe('update tokens and their owner', () => {
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    app = await startTestAppliance();
    await publishSigned(app.ctx, {
      version: '1.1.0',
      platform: 'win',
      file: makeBuild('Console Setup 1.1.0.exe', 100).file,
    });
    admin = await consoleToken(app, 'install-admin-owner', '1.1.0');
  });
  afterAll(() => app.close());

  const feed = (updateToken: string) =>
    fetch(`${app.url}/api/console/updates/win/latest.yml`, { headers: { authorization: `Bearer ${updateToken}` } });

  async function technicianWithToken(installId: string) {
    const u = await createUser(app, admin);
    const session = await consoleToken(app, installId, '1.1.0', { username: u.username, password: u.password });
    const res = await requestUpdateToken(app, session, installId);
    expect(res.status).toBe(200);
    const updateToken = ((await res.json()) as { update_token: string }).update_token;
    expect((await feed(updateToken)).status).toBe(200);
    return { ...u, session, updateToken };
  }
  async function revokedInTimeline(userId: number): Promise<unknown[]> {
    const page = await call(app, 'GET', `/api/admin/users/${userId}/activity`, { token: admin });
    expect(page.status).toBe(200);
    return (page.body.items as { kind: string; data: unknown }[])
      .filter((e) => e.kind === 'update_token_revoked')
      .map((e) => e.data);
  }

  it('disabling the user revokes their update tokens', async () => {
    const u = await technicianWithToken('install-disabled-1');
    const off = await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { enabled: false } });
    expect(off.status).toBe(200);
    expect((await feed(u.updateToken)).status).toBe(401);
    expect(await revokedInTimeline(u.id)).toEqual([{ install_id: 'install-disabled-1', reason: 'disabled' }]);
  });

  it("an admin's end sessions revokes them too, and the audit line counts them", async () => {
    const u = await technicianWithToken('install-ended-01');
    const ended = await call(app, 'POST', `/api/admin/users/${u.id}/sessions/end`, { token: admin });
    expect(ended.status).toBe(200);
    expect((await feed(u.updateToken)).status).toBe(401);
    expect(await revokedInTimeline(u.id)).toEqual([{ install_id: 'install-ended-01', reason: 'admin' }]);
    const audit = await call(app, 'GET', '/api/admin/audit?kind=user.sessions_ended', { token: admin });
    expect(audit.body.entries[0].changes.update_tokens).toEqual({ old: 1, new: 0 });
  });

  it('a session without an install id cannot rotate an install that has a live token', async () => {
    const owner = await technicianWithToken('install-victim-01');
    const login = await call(app, 'POST', '/api/auth/login', {
      body: { username: ADMIN.username, password: ADMIN.password, client: 'console', console_version: '1.1.0' },
    });
    expect(login.status).toBe(200);
    const noInstall = login.body.token as string;
    const res = await requestUpdateToken(app, noInstall, 'install-victim-01');
    expectError({ status: res.status, body: await res.json(), headers: res.headers }, 403, 'forbidden');
    expect((await feed(owner.updateToken)).status).toBe(200);
    // An install that has no live token yet may still get its first one.
    expect((await requestUpdateToken(app, noInstall, 'install-fresh-0001')).status).toBe(200);
  });
});
