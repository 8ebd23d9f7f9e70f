/**
 * Lockout across processes: two appliance processes on one database (the SQLite file of one data
 * directory, or one PostgreSQL database) with a burst of wrong passwords split between them lock
 * the account at exactly N, for a real account and for an unknown name alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../support/appliance.js';
import { call, createUser, loginConsole, setSecurity, tokenFor, type Res } from '../support/api-client.js';
import { ADMIN_ENV, startChildAppliance, type ChildAppliance } from '../support/child-appliance.js';
import { TEST_ENGINE } from '../support/test-database.js';

const N = 5;
const PER_PROCESS = 20;

let a: ChildAppliance;
let b: ChildAppliance;
beforeAll(async () => {
  const dir = tempDir('lockout-processes-');
  a = await startChildAppliance(dir, ADMIN_ENV);
  const admin = await tokenFor(a, ADMIN.username, ADMIN.password);
  await setSecurity(a, admin, { lockout_after_failures: N, lockout_duration_minutes: 15 });
  b = await startChildAppliance(dir, ADMIN_ENV);
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const split = (username: string) =>
  Promise.all(
    Array.from({ length: PER_PROCESS * 2 }, (_, i) => loginConsole(i % 2 ? a : b, username, `wrong-password-${i}`)),
  );
const tally = (results: Res[]) => ({
  invalid: results.filter((r) => r.body.error?.code === 'invalid_credentials').length,
  locked: results.filter((r) => r.body.error?.code === 'account_locked').length,
});

describe(`lockout with two appliance processes on one database (${TEST_ENGINE})`, () => {
  it('a burst of wrong passwords split between the processes locks at exactly N', async () => {
    const admin = await tokenFor(a, ADMIN.username, ADMIN.password);
    const u = await createUser(a, admin);
    expect(tally(await split(u.username))).toEqual({ invalid: N - 1, locked: PER_PROCESS * 2 - (N - 1) });
    for (const node of [a, b]) expect((await loginConsole(node, u.username, u.password)).status).toBe(423);
    const listed = (await call(a, 'GET', '/api/admin/users', { token: admin })).body.users.find(
      (x: { id: number }) => x.id === u.id,
    );
    expect(listed).toMatchObject({ locked: true, failed_login_count: N });
  });

  it('an unknown name locks at exactly N across the processes too', async () => {
    expect(tally(await split('nobody-on-either-process'))).toEqual({
      invalid: N - 1,
      locked: PER_PROCESS * 2 - (N - 1),
    });
  });
});
