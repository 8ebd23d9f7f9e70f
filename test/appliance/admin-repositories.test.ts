/**
 * The administration's repositories on the engine of the project (SQLite files here, PostgreSQL in
 * appliance-pg): the security overview's per-day counts of sign-ins, failed attempts (each attempt
 * of a group) and lockouts across users, and the customer client's elevation rules (the
 * migration's defaults, a partial update).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase } from '../../src-appliance/db/database.js';
import { activityRepository } from '../../src-appliance/activity/activity-repository.js';
import { customerClientRepository } from '../../src-appliance/customer-client/customer-client-repository.js';
import '../../src-appliance/users/tables.js';
import { tempDir } from '../support/appliance.js';
import { insertTestUser, openTestDatabase } from '../support/test-database.js';

let database: OpenedDatabase;
beforeAll(async () => {
  database = await openTestDatabase(tempDir('admin-repo-'));
});
afterAll(() => database?.close());

const user = (username: string) => insertTestUser(database.db, username);

describe('activityRepository.countPerDay', () => {
  it('counts per UTC day and kind across users, each attempt of a failed group, nothing before the period', async () => {
    const repo = activityRepository(database.db);
    const [a, b] = [await user('overview_a'), await user('overview_b')];
    const entry = (userId: number, kind: string, at: string, groupKey: string | null = null) =>
      repo.insert({ userId, kind, at, data: '{}', groupKey });
    await entry(a, 'sign_in', '2026-03-01T08:00:00.000Z');
    await entry(b, 'sign_in', '2026-03-01T23:59:59.000Z');
    await entry(a, 'sign_in', '2026-03-03T00:00:00.000Z');
    // One group of three attempts (two more counted into it), and one single attempt of another user.
    await entry(a, 'sign_in_failed', '2026-03-01T09:00:00.000Z', 'password|ip');
    expect(await repo.addToGroup(a, 'password|ip', '2026-03-01T08:30:00.000Z', '2026-03-01T09:01:00.000Z')).toBe(true);
    expect(await repo.addToGroup(a, 'password|ip', '2026-03-01T08:30:00.000Z', '2026-03-01T09:02:00.000Z')).toBe(true);
    await entry(b, 'sign_in_failed', '2026-03-03T10:00:00.000Z', 'totp|ip');
    await entry(a, 'locked', '2026-03-01T09:02:00.000Z');
    // Not counted: other kinds, and a day before the period.
    await entry(a, 'password_changed', '2026-03-01T10:00:00.000Z');
    await entry(b, 'sign_in', '2026-02-28T23:59:59.999Z');

    const rows = await repo.countPerDay('2026-03-01T00:00:00.000Z');
    const sorted = [...rows].sort((x, y) => (x.day + x.kind).localeCompare(y.day + y.kind));
    expect(sorted).toEqual([
      { day: '2026-03-01', kind: 'locked', n: 1 },
      { day: '2026-03-01', kind: 'sign_in', n: 2 },
      { day: '2026-03-01', kind: 'sign_in_failed', n: 3 },
      { day: '2026-03-03', kind: 'sign_in', n: 1 },
      { day: '2026-03-03', kind: 'sign_in_failed', n: 1 },
    ]);
  });
});

describe('customerClientRepository', () => {
  it('starts with the defaults (no automatic elevation, elevation on request), updates one rule, keeps the other', async () => {
    const repo = customerClientRepository(database.db);
    expect(await repo.get()).toEqual({ elevate_automatically: false, elevate_on_request: true, updated_at: null });
    const at = '2026-03-04T12:00:00.000Z';
    expect(await repo.update({ elevate_automatically: true }, at)).toEqual({
      elevate_automatically: true,
      elevate_on_request: true,
      updated_at: at,
    });
    expect(await repo.update({ elevate_on_request: false }, at)).toMatchObject({
      elevate_automatically: true,
      elevate_on_request: false,
    });
  });
});
