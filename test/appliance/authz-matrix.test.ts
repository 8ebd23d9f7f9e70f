/**
 * Authorization matrix generated from `GET /api/openapi.json`: every documented route is called as
 * anonymous, as a technician and as an admin (each with a fresh session, so logout or a password
 * change cannot spoil the next call). Rules:
 *   - `/api/admin/**`: anonymous 401, technician 403 `forbidden`, admin neither 401 nor 403;
 *   - `/api/account/**` and routes documenting session security (bearer + cookie): anonymous 401,
 *     technician and admin not 401/403;
 *   - bearer-only routes (console tokens, update tokens): anonymous 401;
 *   - everything else is public: anonymous neither 401 nor 403.
 * And nobody ever gets a 5xx. A route added later is covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';

interface Operation {
  security?: Array<Record<string, string[]>>;
}
interface Route {
  method: string;
  path: string;
  op: Operation;
}

let app: TestAppliance;
let routes: Route[];
let tech: { username: string; password: string };
beforeAll(async () => {
  app = await startTestAppliance();
  const doc = (await call(app, 'GET', '/api/openapi.json')).body as {
    paths: Record<string, Record<string, Operation>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
  tech = await createUser(app, await adminToken(app));
});
afterAll(() => app.close());

type Kind = 'admin' | 'session' | 'token' | 'public';
function kindOf(r: Route): Kind {
  if (r.path.startsWith('/api/admin/')) return 'admin';
  const schemes = new Set((r.op.security ?? []).flatMap((s) => Object.keys(s)));
  if (r.path === '/api/account' || r.path.startsWith('/api/account/') || schemes.has('cookie')) return 'session';
  if (schemes.size > 0) return 'token';
  return 'public';
}

const concrete = (path: string) => path.replace(/\{id\}/g, '1').replace(/\{[^}]+\}/g, 'x');

async function as(role: 'anonymous' | 'technician' | 'admin', r: Route) {
  const token =
    role === 'anonymous'
      ? undefined
      : role === 'admin'
        ? await adminToken(app)
        : await tokenFor(app, tech.username, tech.password);
  const hasBody = !['GET', 'HEAD', 'DELETE'].includes(r.method);
  return call(app, r.method, concrete(r.path), { token, body: hasBody ? {} : undefined });
}

describe('authorization matrix from the OpenAPI document', () => {
  it('documents every core route', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /api/site',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'GET /api/account',
        'PATCH /api/account',
        'PUT /api/account/email',
        'PUT /api/account/password',
        'GET /api/account/sessions',
        'DELETE /api/account/sessions/{id}',
        'GET /api/admin/security',
        'PUT /api/admin/security',
        'GET /api/admin/users',
        'POST /api/admin/users',
        'PATCH /api/admin/users/{id}',
      ]),
    );
  });

  it('anonymous / technician / admin get what their role allows on every route, and never a 5xx', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const r of routes) {
      const kind = kindOf(r);
      const name = `${r.method} ${r.path} [${kind}]`;
      const anon = await as('anonymous', r);
      const user = await as('technician', r);
      const admin = await as('admin', r);
      for (const [role, res] of [
        ['anonymous', anon],
        ['technician', user],
        ['admin', admin],
      ] as const) {
        if (res.status >= 500) problems.push(`${name} ${role}: ${res.status}`);
        if (res.status >= 400 && typeof res.body?.error?.code !== 'string')
          problems.push(`${name} ${role}: ${res.status} without error code`);
      }
      if (kind !== 'public' && r.path !== '/api/auth/logout' && anon.status !== 401)
        problems.push(`${name} anonymous: ${anon.status}, want 401`);
      if (kind === 'public' && [401, 403].includes(anon.status) && r.path !== '/api/auth/logout')
        problems.push(`${name} anonymous: ${anon.status}, want public`);
      if (kind === 'admin') {
        if (user.status !== 403 || user.body.error.code !== 'forbidden')
          problems.push(`${name} technician: ${user.status}, want 403 forbidden`);
        if ([401, 403].includes(admin.status))
          problems.push(`${name} admin: ${admin.status} ${admin.body.error?.code}`);
      }
      if (kind === 'session') {
        for (const [role, res] of [
          ['technician', user],
          ['admin', admin],
        ] as const) {
          if ([401, 403].includes(res.status)) problems.push(`${name} ${role}: ${res.status} ${res.body.error?.code}`);
        }
      }
      checked++;
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(routes.length);
  });

  it('logout needs a session: anonymous 401, anyone logged in 204', async () => {
    expect((await call(app, 'POST', '/api/auth/logout')).status).toBe(401);
    expect(
      (await call(app, 'POST', '/api/auth/logout', { token: await tokenFor(app, tech.username, tech.password) }))
        .status,
    ).toBe(204);
    expect((await call(app, 'POST', '/api/auth/logout', { token: await adminToken(app) })).status).toBe(204);
  });
});
