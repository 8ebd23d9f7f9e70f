/**
 * Hostile input, generated, against the three defences that hold whatever is sent:
 *   - guessable passwords (breach list, word + digits, keyboard walks, sequences, repeats, dates,
 *     l33t, the account's own names) on every route that sets a password;
 *   - text (invalid UTF-8, lone surrogates, invisible format characters) in every JSON body and
 *     name, and raw HTTP (broken framing, oversized streamed bodies, refused WebSocket upgrades);
 *   - a session that ended (logout, ended from another session, password changed elsewhere,
 *     account disabled, password reset) reading anything of its user: sessions, two-factor state,
 *     passkeys, downloads, invitations (the server side of "one user's data never shows to the next").
 * Every request gets a 4xx with a stable code (never a 500); afterwards the appliance answers, and
 * no account, password, history row or mail was half-written by a refused request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { isErrorCode } from '../../src-shared/errors.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginWeb, tokenFor, type Res } from '../support/api-client.js';
import { rawExchange, rawRequest } from '../support/raw-http.js';
import { TestSmtp } from '../support/smtp-sink.js';

let app: TestAppliance;
let smtp: TestSmtp;
let admin: string;
let total = 0;
beforeAll(async () => {
  smtp = await new TestSmtp().start();
  app = await startTestAppliance({ smtpUrl: smtp.url });
  admin = await adminToken(app);
});
afterAll(async () => {
  await app.close();
  await smtp.stop();
  expect(total).toBeGreaterThanOrEqual(300);
});

/** A 4xx with a stable code (and the expected one, when given). */
function refused(res: { status: number; body: Res['body'] }, what: string, code?: string): string {
  total++;
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(isErrorCode(res.body?.error?.code), `${what}: ${JSON.stringify(res.body)}`).toBe(true);
  if (code) expect(res.body.error.code, what).toBe(code);
  return res.body.error.code as string;
}

/** What a refused request must not have touched. */
async function snapshot() {
  const db = app.ctx.db;
  return {
    // lockout_seq numbers the credential attempts (each checks current_password): it moves by design.
    users: (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(({ lockout_seq: _, ...u }) => u),
    history: await db.selectFrom('password_history').selectAll().orderBy('id').execute(),
    outbox: Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM mail_outbox`.execute(db)).rows[0]!.n),
  };
}

const WEAK = [
  'password123',
  'password1234',
  '123456789012',
  'qwertyuiop123',
  'Password1234!',
  'P@ssw0rd2024',
  'iloveyou2024',
  'Fussball2024',
  'Passwort1234',
  'Sonnenschein1',
  'qwertzuiop12',
  'asdfghjkl123',
  '1q2w3e4r5t6y',
  'zaq12wsxcde3',
  'aaaaaaaaaaaa',
  'abcabcabcabc',
  'abcdefghijkl',
  '987654321098',
  '01.01.1990!!',
  'Dezember2023',
  'dragon123456',
  'Monkey12345!',
  'drowssap1234',
  'Michael12345',
  'Welcome2024!',
  'Summer2024!',
  'letmein12345',
  'football2024',
  'Schatz123456',
  'Berlin123456',
  'hunter2hunter2',
];

describe('guessable passwords on every route that sets one', () => {
  it(`${WEAK.length} passwords × 3 routes are refused with the rule that failed, and nothing is stored`, async () => {
    const u = await createUser(app, admin, { email_address: 'weak@example.com', public_display_name: 'Kingfisher' });
    const token = await tokenFor(app, u.username, u.password);
    await call(app, 'POST', '/api/auth/password-reset', { body: { username_or_email: 'weak@example.com' } });
    const mail = await smtp.waitFor((m) => m.to.includes('weak@example.com') && m.text.includes('password-reset'));
    const resetToken = /password-reset\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const before = await snapshot();
    for (const [i, password] of [...WEAK, 'Kingfisher2024!'].entries()) {
      const attempts: [string, () => Promise<Res>][] = [
        [
          'change',
          () =>
            call(app, 'PUT', '/api/account/password', {
              token,
              body: { username: u.username, current_password: u.password, new_password: password },
            }),
        ],
        [
          'create',
          () =>
            call(app, 'POST', '/api/admin/users', {
              token: admin,
              body: { username: `weak${i}`, password, public_display_name: 'Kingfisher' },
            }),
        ],
        [
          'reset',
          () =>
            call(app, 'POST', '/api/auth/password-reset/confirm', {
              body: { token: resetToken, new_password: password },
            }),
        ],
      ];
      for (const [route, attempt] of attempts) {
        const res = await attempt();
        refused(res, `${route} ${password}`, 'password_policy');
        expect(res.body.error.details.failed_rules, `${route} ${password}`).toEqual(
          expect.arrayContaining([expect.stringMatching(/^(strength|not_common)$/)]),
        );
      }
    }
    expect(await snapshot()).toEqual(before);
    // The refused passwords did not burn the link.
    const ok = await call(app, 'POST', '/api/auth/password-reset/confirm', {
      body: { token: resetToken, new_password: 'Quiet-Harbour-Lantern-93' },
    });
    expect(ok.status).toBe(204);
  });
});

describe('text and raw HTTP', () => {
  const BAD_BYTES = [[0x80], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xf8, 0x88, 0x80, 0x80], [0xe2, 0x82]];
  const JSON_ROUTES: [string, string, 'tech' | 'admin' | 'none', string][] = [
    ['POST', '/api/auth/login', 'none', 'username'],
    ['PATCH', '/api/account', 'tech', 'private_display_name'],
    ['PATCH', '/api/account', 'tech', 'public_display_name'],
    ['PUT', '/api/account/email', 'tech', 'email_address'],
    ['PUT', '/api/account/password', 'tech', 'new_password'],
    ['POST', '/api/admin/users', 'admin', 'username'],
    ['PATCH', '/api/admin/users/1', 'admin', 'public_display_name'],
    ['POST', '/api/auth/password-reset', 'none', 'username_or_email'],
    ['POST', '/api/invitations', 'tech', 'to_username'],
  ];
  const INVISIBLE = [
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200B',
    '\u200C',
    '\u200D',
    '\u200E',
    '\u200F',
    '\u2060',
    '\u061C',
    '\u00AD',
    '\uFEFF',
  ];

  it('invalid UTF-8, lone surrogates and invisible characters in every JSON body: 400, nothing changes', async () => {
    const u = await createUser(app, admin);
    const tech = await tokenFor(app, u.username, u.password);
    const tokenOf = (who: 'tech' | 'admin' | 'none') => (who === 'tech' ? tech : who === 'admin' ? admin : undefined);
    const before = await snapshot();
    for (const [method, path, who, field] of JSON_ROUTES) {
      for (const bytes of BAD_BYTES) {
        const body = Buffer.concat([Buffer.from(`{"${field}":"x`), Buffer.from(bytes), Buffer.from('y"}')]);
        const res = await fetch(`${app.url}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(tokenOf(who) ? { authorization: `Bearer ${tokenOf(who)}` } : {}),
          },
          body: new Uint8Array(body),
        });
        refused({ status: res.status, body: await res.json() }, `${path} ${field} bytes ${bytes}`, 'invalid_text');
      }
      for (const escape of ['\\ud800', '\\udfff', '\\udc00\\ud800', 'a\\ud83d']) {
        const res = await call(app, method, path, {
          token: tokenOf(who),
          raw: `{"${field}":"x${escape}y"}`,
          headers: { 'content-type': 'application/json' },
        });
        refused(res, `${path} ${field} ${escape}`, 'invalid_text');
      }
    }
    for (const ch of INVISIBLE) {
      for (const field of ['private_display_name', 'public_display_name']) {
        const res = await call(app, 'PATCH', '/api/account', { token: tech, body: { [field]: `Sup${ch}port` } });
        refused(res, `${field} U+${ch.codePointAt(0)!.toString(16)}`, 'validation_failed');
      }
      const created = await call(app, 'POST', '/api/admin/users', {
        token: admin,
        body: { username: `in${ch}visible`, password: 'Correct-Horse-42-Battery' },
      });
      refused(created, `username U+${ch.codePointAt(0)!.toString(16)}`, 'validation_failed');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('broken HTTP framing, streamed bodies past their limit and refused upgrades: all in the error shape', async () => {
    const before = await snapshot();
    const heads = [
      'GET /api/site HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n',
      'GET /api/site HTTP/1.1\r\nhost: x\r\ncontent-length: 1e3\r\n\r\n',
      'GET /api/site HTTP/1.1\r\nhost: x\r\ntransfer-encoding: gzip, chunked, x\r\n\r\n',
      'POST /api/auth/login HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
      'GET /api/site HTTP/1.1\r\nhost: x\r\nx\u0000y: 1\r\n\r\n',
      'GET /api/site HTTP/1.1\r\nho st: x\r\n\r\n',
      'GET /api/site HTTP/9.9\r\nhost: x\r\n\r\n',
      'GET /api/site HTTP/1.1\r\nhost: x\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n',
      `GET /api/site HTTP/1.1\r\nhost: x\r\ncookie: ${'c'.repeat(17 * 1024)}\r\n\r\n`,
      'POST /api/auth/login HTTP/1.1\r\nhost: x\r\ncontent-length: 99999999999999999999999\r\n\r\n',
    ];
    for (const head of heads) {
      const res = await rawRequest(app.url, head);
      refused({ status: res.status, body: res.json }, JSON.stringify(head.slice(0, 60)));
    }
    const chunk = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    for (const [method, path] of [
      ['POST', '/api/auth/login'],
      ['PATCH', '/api/account'],
      ['POST', '/api/admin/users'],
      ['PUT', '/api/admin/security'],
      ['POST', '/api/auth/password-reset/confirm'],
      ['POST', '/api/invitations'],
    ]) {
      const exchange = rawExchange(
        app.url,
        `${method} ${path} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${admin}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
      );
      for (let i = 0; i < 3; i++) exchange.socket.write(chunk(Buffer.alloc(32 * 1024, 0x20)));
      const res = await exchange.response;
      refused({ status: res.status, body: res.json }, `${method} ${path} streamed`, 'payload_too_large');
      await exchange.closed;
    }
    const upgrades = [
      ['/api/events', ['sec-websocket-version: 13', 'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==']],
      [
        '/api/events',
        ['sec-websocket-version: 7', 'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==', `authorization: Bearer ${admin}`],
      ],
      ['/api/events', ['sec-websocket-version: 13', 'sec-websocket-key: !!', `authorization: Bearer ${admin}`]],
      [
        '/api/account',
        ['sec-websocket-version: 13', 'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==', `authorization: Bearer ${admin}`],
      ],
      ['/api/nowhere', ['sec-websocket-version: 13', 'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==']],
      [
        '/api/events',
        ['sec-websocket-version: 13', 'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==', 'authorization: Bearer forged'],
      ],
    ] as const;
    for (const [path, headers] of upgrades) {
      const res = await rawRequest(
        app.url,
        [`GET ${path} HTTP/1.1`, 'host: x', 'connection: upgrade', 'upgrade: websocket', ...headers, '', ''].join(
          '\r\n',
        ),
      );
      refused({ status: res.status, body: res.json }, `upgrade ${path} ${headers.join(' ')}`);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("a session that ended reads nothing of its user's", () => {
  const PER_USER = ['/api/account', '/api/account/sessions', '/api/account/passkeys', '/api/downloads'];
  const ENDINGS = [
    'logout',
    'ended from another session',
    'password changed elsewhere',
    'account disabled',
    'password reset',
  ];

  it(`${ENDINGS.length} ways to end it × console and web × every per-user read and the event socket`, async () => {
    for (const ending of ENDINGS) {
      const email = `ended${ENDINGS.indexOf(ending)}@example.com`;
      const u = await createUser(app, admin, { email_address: email });
      const consoleToken = await tokenFor(app, u.username, u.password);
      const web = await loginWeb(app, u.username, u.password);
      const other = await tokenFor(app, u.username, u.password);
      const mine = (await call(app, 'GET', '/api/account/sessions', { token: other })).body.sessions as {
        id: string;
        current: boolean;
      }[];
      switch (ending) {
        case 'logout':
          await call(app, 'POST', '/api/auth/logout', { token: consoleToken });
          await call(app, 'POST', '/api/auth/logout', { headers: { cookie: web.cookie, 'x-csrf-token': web.csrf } });
          break;
        case 'ended from another session':
          for (const s of mine.filter((x) => !x.current))
            await call(app, 'DELETE', `/api/account/sessions/${s.id}`, { token: other });
          break;
        case 'password changed elsewhere':
          await call(app, 'PUT', '/api/account/password', {
            token: other,
            body: { username: u.username, current_password: u.password, new_password: 'Quiet-Harbour-Lantern-93' },
          });
          break;
        case 'account disabled':
          await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { enabled: false } });
          break;
        case 'password reset': {
          await call(app, 'POST', '/api/auth/password-reset', { body: { username_or_email: email } });
          const mail = await smtp.waitFor((m) => m.to.includes(email) && m.text.includes('password-reset'));
          const token = /password-reset\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
          await call(app, 'POST', '/api/auth/password-reset/confirm', {
            body: { token, new_password: 'Quiet-Harbour-Lantern-93' },
          });
          break;
        }
      }
      for (const path of PER_USER) {
        const asConsole = await call(app, 'GET', path, { token: consoleToken });
        const code = refused(asConsole, `${ending}: console ${path}`);
        expect(['unauthenticated', 'session_expired'], `${ending} ${path}`).toContain(code);
        expect(JSON.stringify(asConsole.body)).not.toContain(u.username);
        const asWeb = await call(app, 'GET', path, { headers: { cookie: web.cookie } });
        expect(['unauthenticated', 'session_expired']).toContain(refused(asWeb, `${ending}: web ${path}`));
        expect(JSON.stringify(asWeb.body)).not.toContain(u.username);
      }
      const socket = new WebSocket(`${app.url.replace('http', 'ws')}/api/events`, {
        headers: { authorization: `Bearer ${consoleToken}` },
      });
      const status = await new Promise<number>((resolve) => {
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.once('open', () => resolve(101));
        socket.once('error', () => resolve(0));
      });
      socket.terminate();
      total++;
      expect(status, `${ending}: event socket`).toBe(401);
    }
    expect((await call(app, 'GET', '/api/site')).status).toBe(200);
  });
});
