/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field in the tests */
/** The audit log: what admin routes append, `GET /api/admin/audit` filters and pages, the CSV export, append-only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { csvCell } from '../../src-appliance/audit/audit-csv.js';
import { adminToken, call, createUser, expectError, loginWeb, tokenFor, USER_PASSWORD } from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

const audit = async (query = '') => {
  const res = await call(app, 'GET', `/api/admin/audit${query}`, { token: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { entries: any[]; next_cursor: string | null };
};

describe('what administrative changes append', () => {
  it('a policy change: who, when, from where, and each changed field old → new', async () => {
    const before = Date.now();
    await call(app, 'PUT', '/api/admin/security', {
      token: admin,
      body: { min_password_length: 12, lockout_after_failures: 5 },
    });
    const [entry] = (await audit('?kind=security.updated')).entries;
    expect(entry).toMatchObject({
      actor_username: ADMIN.username,
      kind: 'security.updated',
      target: 'security',
      ip: '127.0.0.1',
      // lockout_after_failures was already 5: not a change
      changes: { min_password_length: { old: 8, new: 12 } },
    });
    expect(Object.keys(entry.changes)).toEqual(['min_password_length']);
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 1000);
    await call(app, 'PUT', '/api/admin/security', { token: admin, body: { min_password_length: 8 } });
  });

  it('a save that changes nothing appends nothing', async () => {
    const count = (await audit('?kind=security.updated')).entries.length;
    await call(app, 'PUT', '/api/admin/security', { token: admin, body: { min_password_length: 8 } });
    expect((await audit('?kind=security.updated')).entries.length).toBe(count);
  });

  it('a created user: their fields, the password only as redacted, never its value', async () => {
    const u = await createUser(app, admin, { password: 'Very-Secret-Initial-77', email_address: 'new@example.com' });
    const res = await call(app, 'GET', '/api/admin/audit?kind=user.created', { token: admin });
    expect(JSON.stringify(res.body)).not.toContain('Very-Secret-Initial-77');
    const entry = res.body.entries.find((e: any) => e.target === `user:${u.id}`);
    expect(entry).toMatchObject({
      target_label: u.username,
      changes: {
        username: { old: null, new: u.username },
        email_address: { old: null, new: 'new@example.com' },
        is_admin: { old: null, new: false },
        password: { old: null, new: '[redacted]' },
      },
    });
  });

  it('an edit lists what changed; an unlock is its own kind', async () => {
    const u = await createUser(app, admin);
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, {
      token: admin,
      body: { is_admin: true, private_display_name: 'Pat', password_change_required: true },
    });
    const [edit] = (await audit(`?kind=user.updated`)).entries;
    expect(edit).toMatchObject({ target: `user:${u.id}`, target_label: u.username });
    expect(edit.changes).toEqual({
      is_admin: { old: false, new: true },
      private_display_name: { old: u.username, new: 'Pat' },
      password_change_required: { old: false, new: true },
    });

    for (let i = 0; i < 5; i++)
      await call(app, 'POST', '/api/auth/login', {
        body: { username: u.username, password: 'wrong-Password-1', client: 'console' },
      });
    expect(
      (await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { unlock: true } })).status,
    ).toBe(200);
    const [unlock] = (await audit('?kind=user.unlocked')).entries;
    expect(unlock).toMatchObject({ target: `user:${u.id}`, changes: { locked: { old: true, new: false } } });
  });

  it('a refused change (the last admin demoted) appends nothing', async () => {
    const me = (await call(app, 'GET', '/api/account', { token: admin })).body;
    // Other admins exist from the test above; make the built-in admin the only enabled one first.
    const users = (await call(app, 'GET', '/api/admin/users', { token: admin })).body.users as any[];
    for (const other of users.filter((x) => x.is_admin && x.id !== me.id))
      await call(app, 'PATCH', `/api/admin/users/${other.id}`, { token: admin, body: { is_admin: false } });
    const top = (await audit()).entries[0].id;
    const res = await call(app, 'PATCH', `/api/admin/users/${me.id}`, { token: admin, body: { is_admin: false } });
    expectError(res, 409, 'conflict');
    expect((await audit()).entries[0].id).toBe(top);
  });
});

describe('GET /api/admin/audit', () => {
  it('filters by actor (any case), by kind and kind prefix, and by date', async () => {
    const second = await createUser(app, admin, { is_admin: true });
    const other = await tokenFor(app, second.username, second.password);
    await call(app, 'PUT', '/api/admin/security', { token: other, body: { password_history: 3 } });
    const byActor = await audit(`?actor=${second.username.toUpperCase()}`);
    expect(byActor.entries.map((e) => [e.actor_username, e.kind])).toEqual([[second.username, 'security.updated']]);

    const users = await audit('?kind=user.');
    expect(users.entries.length).toBeGreaterThan(2);
    expect(new Set(users.entries.map((e) => e.kind.split('.')[0]))).toEqual(new Set(['user']));
    // A prefix is text, not a pattern: "u%." matches nothing.
    expect((await audit('?kind=u_er.')).entries).toEqual([]);

    const today = new Date().toISOString().slice(0, 10);
    expect((await audit(`?from=${today}&to=${today}`)).entries.length).toBeGreaterThan(0);
    expect((await audit('?to=2000-01-01')).entries).toEqual([]);
    app.clock.advance(3 * 86_400_000);
    admin = await adminToken(app); // the idle session ended with the days that passed
    await call(app, 'PUT', '/api/admin/security', { token: admin, body: { password_history: 0 } });
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const fromLater = await audit(`?from=${later}`);
    expect(fromLater.entries.map((e) => e.changes.password_history)).toEqual([{ old: 3, new: 0 }]);
    expect((await audit(`?to=${today}`)).entries.every((e) => e.at.slice(0, 10) <= today)).toBe(true);
  });

  it('pages newest first with a cursor: every line once', async () => {
    const u = await createUser(app, admin);
    for (let i = 0; i < 60; i++)
      await call(app, 'PATCH', `/api/admin/users/${u.id}`, {
        token: admin,
        body: { public_display_name: `Name ${i}` },
      });
    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page = await audit(`?actor=${ADMIN.username}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.next_cursor;
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    const names = (await audit(`?kind=user.updated`)).entries.slice(0, 3).map((e) => e.changes.public_display_name.new);
    expect(names).toEqual(['Name 59', 'Name 58', 'Name 57']);
  });

  it('bad filters are 400 validation_failed', async () => {
    for (const q of [
      '?from=2026-02-30',
      '?from=yesterday',
      '?to=2026-13-01',
      '?from=2026-05-02&to=2026-05-01',
      '?cursor=abc',
      '?cursor=0',
      '?kind=User',
      '?kind=a%25',
      '?nonsense=1',
    ]) {
      const res = await call(app, 'GET', `/api/admin/audit${q}`, { token: admin });
      expectError(res, 400, 'validation_failed');
      const csv = await call(app, 'GET', `/api/admin/audit/export${q}`, { token: admin });
      expectError(csv, 400, 'validation_failed');
    }
  });
});

describe('GET /api/admin/audit/export', () => {
  it('is CSV of the filtered lines, and a formula-looking value stays text', async () => {
    const u = await createUser(app, admin);
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, {
      token: admin,
      body: { private_display_name: '=HYPERLINK("http://x")' },
    });
    const res = await fetch(`${app.url}/api/admin/audit/export?kind=user.updated`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('"id","time","actor","kind","target","changes","ip"\r\n')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    const expected = (await audit('?kind=user.updated')).entries.length;
    expect(lines.length).toBeGreaterThanOrEqual(Math.min(expected, 50) + 1);
    expect(lines.slice(1).every((l) => l.split('","')[3] === 'user.updated')).toBe(true);
    expect(lines[1]).toContain(`"private_display_name: ${u.username} → =HYPERLINK(""http://x"")"`);
    // Every cell is quoted; no cell begins with a formula character.
    for (const line of lines)
      for (const cell of line.slice(1, -1).split('","')) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('a cell that would start a formula is prefixed with a quote; quotes are doubled', () => {
    expect(['=1+1', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', 'plain', null].map(csvCell)).toEqual([
      `"'=1+1"`,
      `"'+1"`,
      `"'-2+3"`,
      `"'@SUM(A1)"`,
      `"'\tx"`,
      `"'\rx"`,
      '"plain"',
      '""',
    ]);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('exports every matching line, not one page', async () => {
    const res = await fetch(`${app.url}/api/admin/audit/export?actor=${ADMIN.username}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const rows = (await res.text()).trimEnd().split('\r\n').length - 1;
    let total = 0;
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await audit(`?actor=${ADMIN.username}${cursor ? `&cursor=${cursor}` : ''}`);
      total += page.entries.length;
      cursor = page.next_cursor;
    }
    expect(total).toBeGreaterThan(50);
    expect(rows).toBe(total);
  });
});

describe('append-only and admin-only', () => {
  it('no method changes or deletes a line', async () => {
    const before = await audit();
    const id = before.entries[0].id;
    for (const [method, path] of [
      ['POST', '/api/admin/audit'],
      ['PUT', '/api/admin/audit'],
      ['DELETE', '/api/admin/audit'],
      ['PATCH', `/api/admin/audit/${id}`],
      ['PUT', `/api/admin/audit/${id}`],
      ['DELETE', `/api/admin/audit/${id}`],
    ] as const) {
      const res = await call(app, method, path, {
        token: admin,
        body: method === 'DELETE' ? undefined : { kind: 'user.created' },
      });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await audit()).entries).toEqual(before.entries);
  });

  it('a technician gets 403 and no lines, a browser session of an admin reads it, anonymous 401', async () => {
    const tech = await createUser(app, admin);
    const techToken = await tokenFor(app, tech.username, USER_PASSWORD);
    for (const path of ['/api/admin/audit', '/api/admin/audit/export']) {
      const res = await call(app, 'GET', path, { token: techToken });
      expectError(res, 403, 'forbidden');
      expect(JSON.stringify(res.body)).not.toContain('security.updated');
      expectError(await call(app, 'GET', path), 401, 'unauthenticated');
    }
    const web = await loginWeb(app, ADMIN.username, ADMIN.password);
    const res = await call(app, 'GET', '/api/admin/audit', { headers: { cookie: web.cookie } });
    expect(res.status).toBe(200);
  });
});
