/**
 * Bad input: hundreds of generated malformed or hostile requests (broken JSON, wrong types, huge
 * bodies, control characters, 10,000-character names, RTL and emoji mixed with controls,
 * `<script>`, prototype pollution, wrong content types, bad tokens) each get a 4xx with a stable
 * error code; nothing is half-written; the appliance stays healthy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorCode } from '../../src-shared/errors.js';
import { databaseIntegrity } from '../support/test-database.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
let tech: { id: number; username: string; password: string; token: string };
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
  const u = await createUser(app, admin, { private_display_name: 'Stable Name' });
  tech = { ...u, token: await tokenFor(app, u.username, u.password) };
});
afterAll(() => app.close());

interface Hostile {
  name: string;
  method: string;
  path: string;
  raw?: string;
  body?: unknown;
  headers?: Record<string, string>;
  auth?: 'tech' | 'admin' | 'none';
}

function generate(): Hostile[] {
  const cases: Hostile[] = [];
  const jsonTargets: [string, string, Hostile['auth']][] = [
    ['POST', '/api/auth/login', 'none'],
    ['PATCH', '/api/account', 'tech'],
    ['PUT', '/api/account/email', 'tech'],
    ['PUT', '/api/account/password', 'tech'],
    ['PUT', '/api/admin/security', 'admin'],
    ['POST', '/api/admin/users', 'admin'],
    ['PATCH', '/api/admin/users/1', 'admin'],
  ];
  const broken = [
    '{',
    '{"a":',
    '{"username": "x",}',
    "{'single':'quotes'}",
    'nul',
    '[1,2',
    '"unterminated',
    '{"a":1}{"b":2}',
    '\u0000\u0001',
    '{"a":"\\x41"}',
    '{"a":1e999999}',
    '{"a": NaN}',
  ];
  for (const [method, path, auth] of jsonTargets) {
    for (const raw of broken)
      cases.push({
        name: `broken json ${JSON.stringify(raw)}`,
        method,
        path,
        raw,
        headers: { 'content-type': 'application/json' },
        auth,
      });
    for (const body of [null, [], 42, 'string', true, [{}]])
      cases.push({
        name: `non-object ${JSON.stringify(body)}`,
        method,
        path,
        raw: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
        auth,
      });
    cases.push({
      name: 'huge body',
      method,
      path,
      raw: JSON.stringify({ x: 'a'.repeat(100_000) }),
      headers: { 'content-type': 'application/json' },
      auth,
    });
    cases.push({
      name: 'deep nesting',
      method,
      path,
      raw: '['.repeat(5000) + ']'.repeat(5000),
      headers: { 'content-type': 'application/json' },
      auth,
    });
    for (const type of [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
    ]) {
      cases.push({
        name: `content-type ${type}`,
        method,
        path,
        raw: 'username=a&password=b',
        headers: { 'content-type': type },
        auth,
      });
    }
    cases.push({
      name: 'prototype pollution',
      method,
      path,
      raw: '{"__proto__":{"is_admin":true},"constructor":{"prototype":{"x":1}}}',
      headers: { 'content-type': 'application/json' },
      auth,
    });
  }
  const wrongTypes: [string, string, Hostile['auth'], Record<string, unknown>][] = [
    ['POST', '/api/auth/login', 'none', { username: 1, password: 'x', client: 'console' }],
    ['POST', '/api/auth/login', 'none', { username: 'a', password: ['x'], client: 'console' }],
    ['POST', '/api/auth/login', 'none', { username: 'a', password: 'x', client: 'toaster' }],
    ['POST', '/api/auth/login', 'none', { username: 'a'.repeat(10_000), password: 'x', client: 'web' }],
    ['POST', '/api/auth/login', 'none', { username: 'a', password: 'x'.repeat(5000), client: 'web' }],
    ['POST', '/api/auth/login', 'none', { username: 'a', password: 'x', client: 'console', otp_code: '12ab56' }],
    [
      'POST',
      '/api/auth/login',
      'none',
      { username: 'a', password: 'x', client: 'console', install_id: '../../etc/passwd' },
    ],
    ['POST', '/api/auth/login', 'none', { username: '', password: '', client: 'web' }],
    ['PATCH', '/api/account', 'tech', { private_display_name: 42 }],
    ['PATCH', '/api/account', 'tech', { is_admin: true }],
    ['PATCH', '/api/account', 'tech', { extended_availability_enabled: 'yes' }],
    ['PUT', '/api/account/email', 'tech', { email_address: '<script>@x', current_password: 'x' }],
    [
      'PUT',
      '/api/account/email',
      'tech',
      { email_address: 'a@b.example', current_password: 'x', preferred_email_language: 'english' },
    ],
    ['PUT', '/api/account/password', 'tech', { username: 'a', current_password: 'x' }],
    ['PUT', '/api/admin/security', 'admin', { min_password_length: -1 }],
    ['PUT', '/api/admin/security', 'admin', { lockout_after_failures: 1e9 }],
    ['PUT', '/api/admin/security', 'admin', { languages: ['en', 'en'] }],
    ['PUT', '/api/admin/security', 'admin', { languages: ['<script>'] }],
    ['POST', '/api/admin/users', 'admin', { username: '<script>alert(1)</script>', password: 'Good-Pass-Word-1' }],
    ['POST', '/api/admin/users', 'admin', { username: 'x\u0000y', password: 'Good-Pass-Word-1' }],
    ['PATCH', '/api/admin/users/1', 'admin', { enabled: 'false' }],
  ];
  for (const [method, path, auth, body] of wrongTypes)
    cases.push({ name: `wrong field ${JSON.stringify(body).slice(0, 60)}`, method, path, body, auth });

  // Display names: control characters, bidi overrides, 10,000 characters, RTL/emoji/markup padded past the limit.
  const badNames = [
    'a'.repeat(10_000),
    '😀'.repeat(65),
    'مرحبا'.repeat(20),
    '<script>alert(1)</script>'.repeat(5),
    '\u202Eevil',
    'tab\there',
    'new\nline',
    'null\u0000byte',
    'bell\u0007',
    'del\u007f',
    'c1\u0085',
    '\u2066isolate\u2069',
    '   ',
    '',
    '\r\n',
    'ok\u001b[31mred',
  ];
  for (const name of badNames) {
    for (const field of ['private_display_name', 'public_display_name']) {
      cases.push({
        name: `name ${field} ${JSON.stringify(name).slice(0, 30)}`,
        method: 'PATCH',
        path: '/api/account',
        body: { [field]: name },
        auth: 'tech',
      });
      cases.push({
        name: `admin name ${field} ${JSON.stringify(name).slice(0, 30)}`,
        method: 'PATCH',
        path: `/api/admin/users/${1}`,
        body: { [field]: name },
        auth: 'admin',
      });
    }
  }
  for (const header of [
    'Bearer',
    'Bearer ',
    'Bearer x',
    'Basic YWRtaW46YWRtaW4=',
    `Bearer ${'a'.repeat(5000)}`,
    'Bearer <script>',
    'bearer\u0000x',
    'Bearer ../../..',
    `Bearer ${'A'.repeat(43)}`,
  ]) {
    cases.push({
      name: `authorization ${header.slice(0, 20)}`,
      method: 'GET',
      path: '/api/account',
      headers: { authorization: header.split('\u0000').join('') },
      auth: 'none',
    });
  }
  for (const cookie of [
    'session=',
    'session=abc',
    `session=${'x'.repeat(4000)}`,
    'session=%E0%A4%A',
    'csrf_token=x; session=y',
  ]) {
    cases.push({
      name: `cookie ${cookie.slice(0, 20)}`,
      method: 'GET',
      path: '/api/account',
      headers: { cookie },
      auth: 'none',
    });
  }
  for (const path of [
    '/api/account/sessions/..%2F..%2Fadmin',
    '/api/account/sessions/%00',
    `/api/account/sessions/${'a'.repeat(300)}`,
    '/api/admin/users/-1',
    '/api/admin/users/1.5',
    '/api/admin/users/0x10',
    '/api/admin/users/99999999999',
    '/api/%',
    '/api/nope',
    '/api/account/%E0%A4%A',
  ]) {
    cases.push({
      name: `path ${path.slice(0, 40)}`,
      method: path.includes('sessions') ? 'DELETE' : 'PATCH',
      path,
      body: path.includes('sessions') ? undefined : { enabled: true },
      auth: path.includes('sessions') ? 'tech' : 'admin',
    });
  }
  return cases;
}

describe('hostile input', () => {
  const cases = generate();

  it(`generates at least 200 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it('every case gets a 4xx with a stable error code; nothing changes; the appliance stays healthy', async () => {
    const users = () => app.ctx.db.selectFrom('users').selectAll().orderBy('id').execute();
    const before = await users();
    const failures: string[] = [];
    for (const c of cases) {
      const token = c.auth === 'tech' ? tech.token : c.auth === 'admin' ? admin : undefined;
      const res = await call(app, c.method, c.path, { token, raw: c.raw, body: c.body, headers: c.headers });
      const code = res.body?.error?.code;
      if (res.status < 400 || res.status >= 500 || typeof code !== 'string' || !isErrorCode(code)) {
        failures.push(`${c.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await users()).toEqual(before);
    expect((await call(app, 'GET', '/api/site')).status).toBe(200);
    expect((await call(app, 'GET', '/api/account', { token: tech.token })).body.private_display_name).toBe(
      'Stable Name',
    );
    expect((await tokenFor(app, tech.username, tech.password)).length).toBeGreaterThan(20);
    expect(await databaseIntegrity(app.ctx.db)).toBe('ok');
  });
});
