/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are checked field by field in the tests */
/**
 * `GET/PUT /api/admin/customer-client`: the elevation rules (defaults, one rule at a time, kept
 * across a restart), each change in the audit log old → new, a save that changes nothing appends
 * nothing; bad and hostile bodies lose nothing; who may.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, tokenFor } from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

const rules = async () => (await call(app, 'GET', '/api/admin/customer-client', { token: admin })).body;
const put = (body: unknown, token = admin) => call(app, 'PUT', '/api/admin/customer-client', { token, body });
const audit = async () =>
  (await call(app, 'GET', '/api/admin/audit?kind=customer_client.updated', { token: admin })).body.entries as any[];

describe('the elevation rules', () => {
  it('start with no automatic elevation and elevation when the representative asks', async () => {
    expect(await rules()).toEqual({ elevate_automatically: false, elevate_on_request: true, updated_at: null });
  });

  it('PUT sets one rule and keeps the other, is audited old → new, and survives a restart', async () => {
    const res = await put({ elevate_automatically: true });
    expect(res.status).toBe(200);
    const [entry] = await audit();
    expect(res.body).toEqual({ elevate_automatically: true, elevate_on_request: true, updated_at: entry.at });
    expect(entry).toMatchObject({
      actor_username: ADMIN.username,
      kind: 'customer_client.updated',
      target: 'customer_client',
      changes: { elevate_automatically: { old: false, new: true } },
    });
    expect(Object.keys(entry.changes)).toEqual(['elevate_automatically']);

    await app.close();
    app = await startTestAppliance({ dataDir: app.dataDir });
    admin = await adminToken(app);
    expect(await rules()).toMatchObject({ elevate_automatically: true, elevate_on_request: true });
  });

  it('a save that changes nothing appends nothing; both rules at once are one entry', async () => {
    const count = (await audit()).length;
    expect((await put({ elevate_automatically: true })).status).toBe(200);
    expect((await audit()).length).toBe(count);
    expect((await put({ elevate_automatically: false, elevate_on_request: false })).body).toMatchObject({
      elevate_automatically: false,
      elevate_on_request: false,
    });
    const entries = await audit();
    expect(entries.length).toBe(count + 1);
    expect(entries[0].changes).toEqual({
      elevate_automatically: { old: true, new: false },
      elevate_on_request: { old: true, new: false },
    });
  });
});

describe('bad input loses nothing', () => {
  it('an empty body, unknown fields, wrong types, odd Unicode keys: 400; a huge body 413; the rules unchanged', async () => {
    const before = await rules();
    const count = (await audit()).length;
    for (const body of [
      {},
      { elevate_automatically: 'true' },
      { elevate_automatically: 1 },
      { elevate_on_request: null },
      { elevate_automatically: true, updated_at: '2030-01-01T00:00:00Z' },
      { 'elevate_automatically\u200B': true },
      { ｅlevate_automatically: true },
      [true],
      'elevate_automatically',
    ]) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(['validation_failed', 'bad_request']).toContain(res.body.error.code);
    }
    expectError(await put({ elevate_automatically: true, pad: 'x'.repeat(200_000) }), 413, 'payload_too_large');
    const raw = await call(app, 'PUT', '/api/admin/customer-client', {
      token: admin,
      raw: '{"elevate_automatically": tru',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
    expect(await rules()).toEqual(before);
    expect((await audit()).length).toBe(count);
  });
});

describe('who may', () => {
  it('anonymous 401 and a technician 403 forbidden on GET and PUT; nothing changes', async () => {
    const before = await rules();
    const tech = await createUser(app, admin);
    const token = await tokenFor(app, tech.username, tech.password);
    for (const method of ['GET', 'PUT']) {
      const body = method === 'PUT' ? { elevate_automatically: true } : undefined;
      expectError(await call(app, method, '/api/admin/customer-client', { body }), 401, 'unauthenticated');
      expectError(await call(app, method, '/api/admin/customer-client', { token, body }), 403, 'forbidden');
    }
    expect(await rules()).toEqual(before);
  });
});
