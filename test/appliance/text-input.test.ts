/**
 * Text is valid and unambiguous: a JSON body that is not UTF-8, or a string (value or key) with a
 * lone surrogate, is `400 invalid_text` and nothing is stored; display names are stored in NFC and
 * refused with invisible format characters (bidi controls, zero-width characters, BOM, soft
 * hyphen), so a customer is never shown "Support‮nimda"; usernames are ASCII (letters, digits,
 * `._@-`) and unique whatever their letter case, so no two look alike after NFKC and case folding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, tokenFor } from '../support/api-client.js';
import { configFromEnv } from '../../src-appliance/config.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

async function send(path: string, method: string, body: Buffer | string, token?: string) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; details: Record<string, unknown> } },
  };
}

const utf8 = (parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('invalid text', () => {
  it.each([
    ['a stray continuation byte', [0x80]],
    ['a truncated sequence', [0xc3]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-8 encoded surrogate', [0xed, 0xa0, 0x80]],
    ['bytes that are never UTF-8', [0xff, 0xfe]],
  ])('a body with %s is 400 invalid_text, and nothing is stored', async (_name, bytes) => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    const res = await send('/api/account', 'PATCH', utf8(['{"private_display_name":"Eve', bytes, 'lyn"}']), token);
    expect([res.status, res.body.error?.code]).toEqual([400, 'invalid_text']);
    expect((await call(app, 'GET', '/api/account', { token })).body.private_display_name).toBe(u.username);
    const created = await send(
      '/api/admin/users',
      'POST',
      utf8([
        '{"username":"bytes',
        String(bytes.length),
        '","password":"Correct-Horse-42-Battery","public_display_name":"A',
        bytes,
        '"}',
      ]),
      admin,
    );
    expect([created.status, created.body.error?.code]).toEqual([400, 'invalid_text']);
    expect(
      (await call(app, 'GET', '/api/admin/users', { token: admin })).body.users.map(
        (x: { username: string }) => x.username,
      ),
    ).not.toContain(`bytes${bytes.length}`);
  });

  it.each([
    ['a lone high surrogate', '{"public_display_name":"Support\\ud800"}', '/public_display_name'],
    ['a lone low surrogate', '{"public_display_name":"\\udc00Support"}', '/public_display_name'],
    ['a reversed pair', '{"public_display_name":"x\\udc00\\ud800y"}', '/public_display_name'],
    ['a lone surrogate in a key', '{"private_display_name":"Ok","\\ud83d":1}', '/\ud83d'],
  ])('%s is 400 invalid_text with the path', async (_name, json, path) => {
    const res = await send('/api/account', 'PATCH', json, admin);
    expect([res.status, res.body.error?.code]).toEqual([400, 'invalid_text']);
    expect(res.body.error?.details.path).toBe(path);
  });

  it('a login with a lone surrogate in the username is refused as text, not looked up', async () => {
    const res = await send('/api/auth/login', 'POST', '{"username":"admin\\ud800","password":"x","client":"console"}');
    expect([res.status, res.body.error?.code]).toEqual([400, 'invalid_text']);
  });

  it('a surrogate pair (an emoji) is fine', async () => {
    const res = await send('/api/account', 'PATCH', '{"public_display_name":"Support \\ud83d\\udee0"}', admin);
    expect(res.status).toBe(200);
  });
});

describe('display names', () => {
  it('are stored in NFC, whichever way the client composed them', async () => {
    const u = await createUser(app, admin, { private_display_name: 'Jo\u0308rg Mu\u0308ller' });
    const token = await tokenFor(app, u.username, u.password);
    const account = (await call(app, 'GET', '/api/account', { token })).body;
    expect(account.private_display_name).toBe('J\u00f6rg M\u00fcller');
    await call(app, 'PATCH', '/api/account', { token, body: { public_display_name: 'Rene\u0301e' } });
    expect((await call(app, 'GET', '/api/account', { token })).body.public_display_name).toBe('Ren\u00e9e');
  });

  it.each([
    ['right-to-left override', 'Support\u202Enimda'],
    ['left-to-right embedding', 'Support\u202Aadmin'],
    ['first-strong isolate', 'Support\u2068admin\u2069'],
    ['zero-width space', 'Sup\u200Bport'],
    ['zero-width joiner', 'Sup\u200Dport'],
    ['right-to-left mark', 'Support\u200F'],
    ['Arabic letter mark', 'Support\u061C'],
    ['byte order mark (inside: trim drops a leading one)', 'Sup\uFEFFport'],
    ['soft hyphen', 'Sup\u00ADport'],
    ['word joiner', 'Sup\u2060port'],
  ])('a %s is refused in the public and the private name', async (_name, name) => {
    const before = (await call(app, 'GET', '/api/account', { token: admin })).body;
    for (const field of ['public_display_name', 'private_display_name']) {
      const res = await call(app, 'PATCH', '/api/account', { token: admin, body: { [field]: name } });
      expect([res.status, res.body.error.code, res.body.error.details.problem], field).toEqual([
        400,
        'validation_failed',
        'control_characters',
      ]);
    }
    const created = await call(app, 'POST', '/api/admin/users', {
      token: admin,
      body: {
        username: `spoof${before.id}${name.length}`,
        password: 'Correct-Horse-42-Battery',
        public_display_name: name,
      },
    });
    expect(created.status).toBe(400);
    const after = (await call(app, 'GET', '/api/account', { token: admin })).body;
    expect([after.public_display_name, after.private_display_name]).toEqual([
      before.public_display_name,
      before.private_display_name,
    ]);
  });
});

describe('usernames', () => {
  it.each([
    ['a bidi override', 'Support\u202Enimda'],
    ['a zero-width space', 'ad\u200Bmin'],
    ['full-width letters (NFKC: admin)', '\uFF41\uFF44\uFF4D\uFF49\uFF4E'],
    ['a composed letter', 'j\u00f6rg'],
    ['a decomposed letter', 'jo\u0308rg'],
    ['a Cyrillic look-alike', '\u0430dmin'],
    ['the Kelvin sign (NFKC and case folding: k)', '\u212Aate'],
  ])('%s is refused', async (_name, username) => {
    const res = await call(app, 'POST', '/api/admin/users', {
      token: admin,
      body: { username, password: 'Correct-Horse-42-Battery' },
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
  });

  it('are unique whatever their letter case, and log in in any case', async () => {
    const u = await createUser(app, admin, { username: 'Kate.Miller' });
    for (const taken of ['kate.miller', 'KATE.MILLER', 'kAtE.mIlLeR']) {
      const res = await call(app, 'POST', '/api/admin/users', {
        token: admin,
        body: { username: taken, password: 'Correct-Horse-42-Battery' },
      });
      expect([res.status, res.body.error.code], taken).toEqual([409, 'username_taken']);
    }
    expect((await loginConsole(app, 'KATE.miller', u.password)).body.account.id).toBe(u.id);
  });

  it('the first admin from APPLIANCE_ADMIN_USERNAME follows the same rule', () => {
    expect(() => configFromEnv({ APPLIANCE_ADMIN_USERNAME: 'Support\u202Enimda' })).toThrow(/APPLIANCE_ADMIN_USERNAME/);
    expect(() => configFromEnv({ APPLIANCE_ADMIN_USERNAME: '\uFF41dmin' })).toThrow(/APPLIANCE_ADMIN_USERNAME/);
    expect(configFromEnv({ APPLIANCE_ADMIN_USERNAME: 'root.admin' }).adminUsername).toBe('root.admin');
  });
});
