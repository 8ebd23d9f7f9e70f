/**
 * Hostile and malformed requests to the two-factor, photo, password-reset, extended-availability
 * and invitation routes: each answer is a 4xx with a stable error
 * code (never a 500), and the appliance stays healthy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { isErrorCode } from '../../src-shared/errors.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';

const ROUTES: [string, string][] = [
  ['POST', '/api/account/two-factor/setup'],
  ['POST', '/api/account/two-factor/activate'],
  ['DELETE', '/api/account/two-factor'],
  ['POST', '/api/account/two-factor/recovery-codes'],
  ['POST', '/api/auth/password-reset'],
  ['POST', '/api/auth/password-reset/confirm'],
  ['POST', '/api/invitations'],
];

const BODIES: (string | undefined)[] = [
  undefined,
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '{"current_password": 1, "code": 123456}',
  '{"current_password": "x", "code": "12345"}',
  '{"current_password": "x", "code": "abcdef"}',
  '{"current_password": "x", "code": "123456", "extra": true}',
  `{"token": "${'a'.repeat(10_000)}", "new_password": "x"}`,
  '{"token": "short", "new_password": "Passw0rd-long-enough"}',
  `{"username_or_email": "${'e'.repeat(300)}"}`,
  '{"username_or_email": ""}',
  `{"to_username": "${'u'.repeat(65)}"}`,
  '{"to_username": "\\u202eevil", "message": "<script>alert(1)</script>"}',
  '{"to_username": {"$ne": null}}',
  '{"__proto__": {"admin": true}}',
];

describe('two-factor, photo, reset, availability and invitation routes under malformed input', () => {
  let app: TestAppliance;
  let token: string;

  beforeAll(async () => {
    app = await startTestAppliance();
    const admin = await adminToken(app);
    const u = await createUser(app, admin);
    token = await tokenFor(app, u.username, u.password);
  });
  afterAll(() => app.close());

  it(`answers ${ROUTES.length * BODIES.length * 2} malformed requests with 4xx and a stable code`, async () => {
    const seen: string[] = [];
    for (const [method, path] of ROUTES) {
      for (const raw of BODIES) {
        for (const auth of [true, false]) {
          const res = await call(app, method, path, {
            raw,
            token: auth ? token : undefined,
            headers: raw === undefined ? {} : { 'content-type': 'application/json' },
          });
          // Setup takes no body: with a session it may succeed, and then creates a pending secret only.
          if (res.status === 200 && path.endsWith('/setup')) continue;
          if (res.status === 202 && path === '/api/auth/password-reset') continue; // no enumeration: 202 for any well-formed name
          expect(res.status, `${method} ${path} ${raw?.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(isErrorCode(res.body.error.code), res.body.error.code).toBe(true);
          seen.push(res.body.error.code);
        }
      }
    }
    expect(new Set(seen)).toContain('invalid_json');
    expect(new Set(seen)).toContain('validation_failed');
    expect(new Set(seen)).toContain('unauthenticated');
  });

  it('photo and disable-link routes refuse junk with codes', async () => {
    const cases: [string, string, RequestInit][] = [
      [
        'PUT',
        '/api/account/photo',
        { body: 'not an image', headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` } },
      ],
      [
        'PUT',
        '/api/account/photo',
        {
          body: '--x\r\nbroken multipart',
          headers: { 'content-type': 'multipart/form-data; boundary=x', authorization: `Bearer ${token}` },
        },
      ],
      [
        'PUT',
        '/api/account/photo',
        {
          body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
          headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
        },
      ],
      [
        'PUT',
        '/api/account/photo',
        {
          body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
          headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${token}` },
        },
      ],
      ['GET', '/api/users/99999999/photo', {}],
      ['GET', '/api/users/-1/photo', {}],
      ['GET', '/api/extended-availability/disable', {}],
      ['GET', '/api/extended-availability/disable?token=', {}],
      ['GET', `/api/extended-availability/disable?token=${'1.'.repeat(90)}`, {}],
      [
        'GET',
        '/api/extended-availability/disable?token=1.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        {},
      ],
    ];
    for (const [method, path, init] of cases) {
      const res = await fetch(`${app.url}${path}`, { method, ...init });
      const body = (await res.json()) as { error: { code: string } };
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(isErrorCode(body.error.code)).toBe(true);
    }
    expect((await call(app, 'GET', '/api/site')).status).toBe(200);
  });
});
