/**
 * The daily retention sweep of the security activity: entries older than 90 days are deleted,
 * each user's newest sign-in is kept (outside the timeline, it says the account has signed in
 * before), and two appliance processes on one database sweep a day once between them. Runs on
 * SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';
import { sweepActivity } from '../../src-appliance/activity/retention-sweep.js';

const DAYS_91 = 91 * 24 * 60 * 60_000;

describe('security activity retention', () => {
  let a: TestAppliance;
  let b: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    a = await startTestAppliance();
    b = await startTestAppliance({ dataDir: a.dataDir });
    admin = await adminToken(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const rowsOf = (userId: number) =>
    a.ctx.db
      .selectFrom('security_activity')
      .select(['kind', 'data'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();

  it('prunes what is older than 90 days once a day, across processes, keeping the newest sign-in', async () => {
    const u = await createUser(a, admin);
    const token = await tokenFor(a, u.username, u.password);
    const web = await call(b, 'POST', '/api/auth/login', {
      body: { username: u.username, password: u.password, client: 'web' },
    });
    expect(web.status).toBe(200);
    const email = await call(a, 'PUT', '/api/account/email', {
      token,
      body: { email_address: 'old@example.test', current_password: u.password },
    });
    expect(email.status).toBe(200);
    await a.ctx.domain.settled();
    await b.ctx.domain.settled();
    const kinds = (await rowsOf(u.id)).map((r) => r.kind);
    expect(kinds.slice(0, 2)).toEqual(['sign_in', 'sign_in']);
    // The email change also ended the web session; the two entries' order is not part of the contract.
    expect(kinds.slice(2).sort()).toEqual(['email_changed', 'sessions_ended']);

    a.clock.advance(DAYS_91);
    b.clock.advance(DAYS_91);
    const results = await Promise.all([sweepActivity(a.ctx), sweepActivity(b.ctx), sweepActivity(a.ctx)]);
    const ran = results.filter((r) => r !== null);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toBeGreaterThanOrEqual(3);
    const kept = await rowsOf(u.id);
    expect(kept.map((r) => [r.kind, JSON.parse(r.data).client])).toEqual([['sign_in', 'web']]);
    expect(await sweepActivity(b.ctx)).toBeNull();

    // The kept sign-in is outside the window: the timeline is empty until the next sign-in, which
    // is from a device not seen in 90 days.
    const again = await tokenFor(a, u.username, u.password);
    const timeline = await call(a, 'GET', '/api/account/activity', { token: again });
    expect(timeline.body.items).toHaveLength(1);
    expect(timeline.body.items[0]).toMatchObject({ kind: 'sign_in', data: { client: 'console', new_device: true } });
  });
});
