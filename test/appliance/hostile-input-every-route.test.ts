/**
 * Every route the appliance documents in its OpenAPI document, attacked from its own schema: each
 * body field with a value of another type, an out-of-range number, an oversized or oddly encoded string, unknown and prototype keys;
 * broken and deeply nested JSON; forged path parameters and query values; all sent in parallel
 * bursts by an admin, a technician and an anonymous caller. A route added tomorrow is attacked the
 * same way without anyone listing it. Every answer is JSON, never a 5xx, and every refusal carries
 * a stable error code; afterwards the appliance is ready and no account was half-written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorCode } from '../../src-shared/errors.js';
import { startTestAppliance, ADMIN, type TestAppliance } from '../support/appliance.js';
import { call, createUser, tokenFor, type Res } from '../support/api-client.js';
import { TestSmtp } from '../support/smtp-sink.js';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
}
interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  parameters?: { in: string; name: string }[];
}
type Paths = Record<string, Record<string, Operation>>;

/** Strings no field should choke on: lone surrogates, format and bidi controls, NUL, huge. */
const ODD_STRINGS = [
  '\ud800',
  'a\u0000b',
  '\u202e\u2066evil\u2069',
  '\u200b\u200d\ufeff',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a',
  '🧑🏽‍💻'.repeat(50),
  'x'.repeat(100_000),
  '../../etc/passwd',
  "' OR 1=1 --",
  '=HYPERLINK("http://127.0.0.1")',
];
const WRONG_TYPES: unknown[] = [null, -1, 2 ** 53 + 1, 0.5, true, [], {}, ['a'], { $ne: null }];

const typesOf = (s: Schema): string[] =>
  s.anyOf ? s.anyOf.flatMap(typesOf) : Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];

/** A value of the field's own type may be a valid request; only the others are attacks. */
function oddValuesFor(field: Schema): unknown[] {
  const types = typesOf(field);
  const isOwnType = (v: unknown) =>
    (typeof v === 'boolean' && types.includes('boolean')) ||
    (v === null && types.includes('null')) ||
    (typeof v === 'number' && (types.includes('number') || (types.includes('integer') && Number.isInteger(v)))) ||
    (Array.isArray(v) && types.includes('array'));
  return [...ODD_STRINGS, ...WRONG_TYPES].filter((v) => !isOwnType(v) || typeof v === 'number');
}
const BROKEN_BODIES = ['{', '[]', '"text"', 'null', '{"a":1,"a":2}', `${'['.repeat(5000)}${']'.repeat(5000)}`];
const ODD_PATH_VALUES = ['0', '-1', '99999999999999999999', 'abc', '%00', '%E2%80%AE', '%ED%A0%80', '1e3', '..%2F..'];
const ODD_QUERY_VALUES = ['x'.repeat(20_000), '%00', '%ED%A0%80', '-1', '1e999', 'AAAA.BBBB', '%E2%80%AE', '[]'];

/** The bodies one operation is attacked with: broken JSON, and per field every odd value. */
function bodiesFor(schema: Schema | undefined): string[] {
  const bodies = [...BROKEN_BODIES, JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: {} } })];
  const fields = Object.entries(schema?.properties ?? {});
  bodies.push(JSON.stringify({ unknown_field: 'x' }));
  for (const [name, field] of fields) {
    for (const value of oddValuesFor(field)) bodies.push(JSON.stringify({ [name]: value }));
  }
  // Every field odd at once (string-typed fields get the bidi override, the rest a wrong type).
  if (fields.length > 1) bodies.push(JSON.stringify(Object.fromEntries(fields.map(([f]) => [f, '\u202eevil']))));
  return bodies;
}

function concretePaths(template: string): string[] {
  if (!template.includes('{')) return [template];
  return ODD_PATH_VALUES.map((v) => template.replace(/\{[^}]+\}/g, v));
}

function queriesFor(op: Operation): string[] {
  const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const queries = names.flatMap((n) => ODD_QUERY_VALUES.map((v) => `?${n}=${v}`));
  if (names.length) queries.push(`?${names.map((n) => `${n}=a&${n}=b`).join('&')}`);
  return queries;
}

let smtp: TestSmtp;
let app: TestAppliance;
let paths: Paths;
/** Creates the attacking accounts; its own token is never sent with an attack. */
let operator: string;
beforeAll(async () => {
  smtp = await new TestSmtp().start();
  app = await startTestAppliance({ smtpUrl: smtp.url });
  paths = (await call(app, 'GET', '/api/openapi.json')).body.paths as Paths;
  operator = await tokenFor(app, ADMIN.username, ADMIN.password);
});
afterAll(async () => {
  await app.close();
  await smtp.stop();
});

/**
 * Who sends: new accounts for every operation, since an attack may rightly lock its account
 * (wrong current passwords count) or end its own session.
 */
const CALLERS = {
  admin: async () => {
    const u = await createUser(app, operator, { is_admin: true });
    return tokenFor(app, u.username, u.password);
  },
  technician: async () => {
    const u = await createUser(app, operator);
    return tokenFor(app, u.username, u.password);
  },
  anonymous: async () => undefined,
};
const userIds = async () =>
  (await app.ctx.db.selectFrom('users').select('id').orderBy('id').execute()).map((u) => u.id);

describe('every documented route under hostile input', () => {
  it('answers each attack with JSON below 500, and each refusal with a stable code', async () => {
    const failures: string[] = [];
    const codes = new Set<string>();
    let sent = 0;
    const operations = Object.entries(paths).flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ template, method: method.toUpperCase(), op })),
    );
    expect(operations.length).toBeGreaterThan(60);

    for (const { template, method, op } of operations) {
      const schema = op.requestBody?.content['application/json']?.schema;
      const requests: { path: string; raw?: string }[] = [];
      for (const path of concretePaths(template)) requests.push({ path });
      for (const query of queriesFor(op)) requests.push({ path: `${concretePaths(template)[0]}${query}` });
      if (method !== 'GET' && method !== 'DELETE') {
        for (const raw of bodiesFor(schema)) requests.push({ path: concretePaths(template)[0]!, raw });
      }
      for (const [who, signIn] of Object.entries(CALLERS)) {
        const token = await signIn();
        const before = await userIds();
        // A burst: every attack on this operation at once.
        const answers = await Promise.all(
          requests.map(async (r): Promise<[typeof r, Res]> => {
            const headers: Record<string, string> = r.raw === undefined ? {} : { 'content-type': 'application/json' };
            return [r, await call(app, method, r.path, { raw: r.raw, token, headers })];
          }),
        );
        for (const [r, res] of answers) {
          sent++;
          const what = `${who} ${method} ${r.path.slice(0, 80)} ${r.raw?.slice(0, 60) ?? ''} → ${res.status}`;
          if (res.status >= 500) failures.push(`${what} ${JSON.stringify(res.body).slice(0, 200)}`);
          else if (res.status >= 400) {
            if (!isErrorCode(res.body?.error?.code)) failures.push(`${what} without a stable code`);
            else codes.add(res.body.error.code);
          }
        }
        // No refused request left an account behind.
        if (JSON.stringify(await userIds()) !== JSON.stringify(before))
          failures.push(`${who} ${method} ${template} added users`);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(5000);
    for (const code of ['invalid_json', 'validation_failed', 'unauthenticated', 'forbidden', 'not_found']) {
      expect(codes).toContain(code);
    }

    expect((await call(app, 'GET', '/api/health/ready')).status).toBe(200);
    expect((await call(app, 'GET', '/api/account', { token: operator })).status).toBe(200);
    // Thousands of requests, more with every new route: minutes on a busy 2-core machine.
  }, 600_000);
});
