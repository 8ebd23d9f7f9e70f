/**
 * `GET /api/admin/security/overview?days=`: the whole site's sign-ins, failed attempts and
 * lockouts per UTC day from the activity records (real sign-ins over HTTP), every day of the
 * period with zeros where nothing happened, today last; the period's limits; who may.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import {
  adminToken,
  call,
  createUser,
  expectError,
  loginConsole,
  setSecurity,
  tokenFor,
} from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

const overview = async (query = '') => {
  const res = await call(app, 'GET', `/api/admin/security/overview${query}`, { token: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.days as Array<{ day: string; sign_ins: number; failed_attempts: number; lockouts: number }>;
};
const today = () => app.clock.now().toISOString().slice(0, 10);

describe('per-day counts', () => {
  it('30 days by default, oldest first, today last; sign-ins, each failed attempt and lockouts of every user', async () => {
    const before = (await overview()).at(-1)!;
    const a = await createUser(app, admin);
    const b = await createUser(app, admin);
    await setSecurity(app, admin, { lockout_after_failures: 3 });
    await tokenFor(app, a.username, a.password);
    await tokenFor(app, b.username, b.password);
    await loginConsole(app, a.username, 'wrong-1');
    for (let i = 0; i < 3; i++) await loginConsole(app, b.username, `wrong-${i}`); // the third locks b
    await setSecurity(app, admin, { lockout_after_failures: 5 });

    const days = await overview();
    expect(days).toHaveLength(30);
    expect(days.at(-1)!.day).toBe(today());
    const dates = days.map((d) => Date.parse(`${d.day}T00:00:00Z`));
    for (let i = 1; i < dates.length; i++) expect(dates[i]! - dates[i - 1]!).toBe(86_400_000);
    expect(days.at(-1)).toEqual({
      day: today(),
      sign_ins: before.sign_ins + 2,
      failed_attempts: before.failed_attempts + 4,
      lockouts: before.lockouts + 1,
    });
    expect(days.slice(0, -1).every((d) => d.sign_ins === 0 && d.failed_attempts === 0 && d.lockouts === 0)).toBe(true);
  });

  it('a day later, today’s counts are yesterday’s and today starts at zero; ?days=7 gives seven days', async () => {
    const counted = (await overview()).at(-1)!;
    app.clock.advance(86_400_000);
    admin = await adminToken(app); // the day idled the old session out
    const days = await overview('?days=7');
    expect(days).toHaveLength(7);
    expect(days.at(-2)).toEqual(counted);
    // Today so far: only the admin's sign-in just now.
    expect(days.at(-1)).toEqual({ day: today(), sign_ins: 1, failed_attempts: 0, lockouts: 0 });
    expect(await overview('?days=1')).toEqual([days.at(-1)]);
  });
});

describe('bad input and who may', () => {
  it('days outside 1–90, not digits, or an unknown parameter: 400 validation_failed', async () => {
    for (const q of [
      '?days=0',
      '?days=91',
      '?days=abc',
      '?days=30.5',
      '?days=-1',
      '?days=%EF%BC%93',
      '?days=3&x=1',
      '?days=1e1',
    ])
      expectError(
        await call(app, 'GET', `/api/admin/security/overview${q}`, { token: admin }),
        400,
        'validation_failed',
      );
    expect(await overview('?days=90')).toHaveLength(90);
  });

  it('anonymous 401, a technician 403 forbidden', async () => {
    const tech = await createUser(app, admin);
    const token = await tokenFor(app, tech.username, tech.password);
    expectError(await call(app, 'GET', '/api/admin/security/overview'), 401, 'unauthenticated');
    expectError(await call(app, 'GET', '/api/admin/security/overview', { token }), 403, 'forbidden');
  });
});
