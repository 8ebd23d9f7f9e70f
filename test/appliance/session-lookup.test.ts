/**
 * The session lookup and the account view under concurrency: the requests of one session that are
 * in flight together (a console polling, a burst) share one read of the session, one answer of the
 * session checks, one account view and one last_seen_at write, on both engines; misses and
 * failures are not remembered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../../src-appliance/account/account-view.js';
import { lookupSession, type FoundSession } from '../../src-appliance/auth/session-lookup.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call } from '../support/api-client.js';

let app: TestAppliance;
let token: string;
beforeAll(async () => {
  app = await startTestAppliance();
  token = await adminToken(app);
});
afterAll(() => app.close());

const inParallel = <T>(n: number, read: () => Promise<T>) => Promise.all(Array.from({ length: n }, read));

describe('session lookup', () => {
  it('lookups in flight together after a write read the session once and get the same entry', async () => {
    app.ctx.changes.wrote();
    const found = await inParallel(20, () => lookupSession(app.ctx, token));
    expect(found[0]).not.toBeNull();
    for (const f of found) expect(f).toBe(found[0]);
  });

  it('unknown tokens are not remembered: 10,000 of them do not push a live session out of the cache', async () => {
    app.ctx.changes.wrote();
    const before = await lookupSession(app.ctx, token);
    for (let i = 0; i < 10_000; i += 500) {
      const misses = await Promise.all(
        Array.from({ length: 500 }, (_, j) => lookupSession(app.ctx, `unknown-token-${i + j}-padding-to-length`)),
      );
      expect(misses.every((m) => m === null)).toBe(true);
    }
    expect(await lookupSession(app.ctx, token)).toBe(before);
  });

  it('requests in flight when last_seen_at is due write it once', async () => {
    app.ctx.changes.wrote();
    expect((await call(app, 'GET', '/api/account', { token })).status).toBe(200);
    app.clock.advance(16_000);
    const version = app.ctx.changes.version;
    const answers = await inParallel(30, () => call(app, 'GET', '/api/account', { token }));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    // One UPDATE of the session row; without the claim every request in flight wrote it.
    expect(app.ctx.changes.version - version).toBe(1);
  });

  it('a session check that fails is asked again by the next request', async () => {
    let failures = 1;
    const check = async () => {
      if (failures-- > 0) throw new Error('the check could not read');
      return null;
    };
    app.ctx.sessionChecks.push(check);
    try {
      app.ctx.changes.wrote();
      expect((await call(app, 'GET', '/api/account', { token })).status).toBe(500);
      expect((await call(app, 'GET', '/api/account', { token })).status).toBe(200);
    } finally {
      app.ctx.sessionChecks.splice(app.ctx.sessionChecks.indexOf(check), 1);
    }
  });
});

describe('account view', () => {
  it('views built in flight together after a write are one read and one object', async () => {
    app.ctx.changes.wrote();
    const { user } = (await lookupSession(app.ctx, token)) as FoundSession;
    const views = await inParallel(20, () => buildAccount(app.ctx, user));
    for (const v of views) expect(v).toBe(views[0]);
    expect(views[0]).toMatchObject({ username: 'admin', is_admin: true });
  });

  it('a view part that fails is read again by the next request', async () => {
    let failures = 1;
    const part = async () => {
      if (failures-- > 0) throw new Error('the part could not read');
      return {};
    };
    app.ctx.accountView.push(part);
    try {
      app.ctx.changes.wrote();
      const { user } = (await lookupSession(app.ctx, token)) as FoundSession;
      await expect(buildAccount(app.ctx, user)).rejects.toThrow('the part could not read');
      await expect(buildAccount(app.ctx, user)).resolves.toMatchObject({ username: 'admin' });
    } finally {
      app.ctx.accountView.splice(app.ctx.accountView.indexOf(part), 1);
    }
  });
});
