/**
 * One error shape everywhere: what Node's HTTP parser refuses (bad Content-Length, malformed
 * headers, headers too large), Fastify's own client errors (unsupported media type, broken JSON),
 * unknown routes, and every refused WebSocket upgrade answer `{ error: { code, message, details } }`
 * (the ErrorResponse schema of src-shared/errors.ts) with a stable code, as JSON.
 */
import Value from 'typebox/value';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse } from '../../src-shared/errors.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken } from '../support/api-client.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

function expectEnvelope(res: RawResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Value.Check(ErrorResponse, res.json), res.body).toBe(true);
  expect(res.json!.error!.code).toBe(code);
}

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const upgrade = (path: string, headers: string[], method = 'GET') =>
  [
    `${method} ${path} HTTP/1.1`,
    'host: localhost',
    'connection: Upgrade',
    'upgrade: websocket',
    ...headers,
    '',
    '',
  ].join('\r\n');

describe("the HTTP parser's refusals", () => {
  it.each([
    ['a non-numeric Content-Length', 'content-length: abc\r\n', 400, 'bad_request'],
    ['two different Content-Lengths', 'content-length: 2\r\ncontent-length: 3\r\n', 400, 'bad_request'],
    [
      'Content-Length with Transfer-Encoding',
      'content-length: 2\r\ntransfer-encoding: chunked\r\n',
      400,
      'bad_request',
    ],
    ['a header without a colon', 'x-broken header\r\n', 400, 'bad_request'],
    ['a space before the colon', 'x-broken : 1\r\n', 400, 'bad_request'],
    ['a control character in a value', 'x-broken: a\u0001b\r\n', 400, 'bad_request'],
    ['20 KiB of headers', `x-big: ${'a'.repeat(20 * 1024)}\r\n`, 431, 'headers_too_large'],
  ])('%s', async (_name, header, status, code) => {
    const res = await rawRequest(app.url, `PUT /api/account HTTP/1.1\r\nhost: localhost\r\n${header}\r\n{}`);
    expectEnvelope(res, status, code);
    expect(res.headers.connection).toBe('close');
  });

  it('a request line that is not HTTP', async () => {
    expectEnvelope(await rawRequest(app.url, 'HELLO THERE\r\n\r\n'), 400, 'bad_request');
  });
});

describe("Fastify's client errors and unknown routes", () => {
  const json = (method: string, path: string, type: string, body: string) =>
    `${method} ${path} HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${admin}\r\ncontent-type: ${type}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;

  it.each([
    ['an unsupported media type', 'PATCH', '/api/account', 'text/xml', '<a/>', 415, 'unsupported_media_type'],
    ['a form body', 'PATCH', '/api/account', 'application/x-www-form-urlencoded', 'a=b', 415, 'unsupported_media_type'],
    ['broken JSON', 'PATCH', '/api/account', 'application/json', '{"a":', 400, 'invalid_json'],
    ['an empty JSON body', 'PATCH', '/api/account', 'application/json', '', 400, 'invalid_json'],
    ['__proto__ in JSON', 'PATCH', '/api/account', 'application/json', '{"__proto__":{"x":1}}', 400, 'invalid_json'],
    ['an unknown route', 'GET', '/api/nothing-here', 'application/json', '', 404, 'not_found'],
    ['an unknown method on a route', 'PROPFIND', '/api/site', 'application/json', '', 404, 'not_found'],
    ['a path outside the API', 'POST', '/wp-login.php', 'application/json', '{}', 404, 'not_found'],
  ])('%s', async (_name, method, path, type, body, status, code) => {
    expectEnvelope(await rawRequest(app.url, json(method, path, type, body)), status, code);
  });
});

describe('refused WebSocket upgrades', () => {
  const v13 = 'sec-websocket-version: 13';
  const key = `sec-websocket-key: ${KEY}`;
  const auth = 'authorization: Bearer ADMIN';
  it.each([
    ['without a session', () => upgrade('/api/events', [v13, key]), 401, 'unauthenticated'],
    [
      'from another origin with a cookie',
      () => upgrade('/api/events', [v13, key, 'origin: https://evil.example', 'cookie: session=x']),
      401,
      'unauthenticated',
    ],
    [
      'with an unknown version',
      () => upgrade('/api/events', ['sec-websocket-version: 99', key, auth]),
      400,
      'websocket_handshake_invalid',
    ],
    ['without a version', () => upgrade('/api/events', [key, auth]), 400, 'websocket_handshake_invalid'],
    ['without a key', () => upgrade('/api/events', [v13, auth]), 400, 'websocket_handshake_invalid'],
    [
      'with a malformed key',
      () => upgrade('/api/events', [v13, 'sec-websocket-key: short', auth]),
      400,
      'websocket_handshake_invalid',
    ],
    [
      'with a malformed subprotocol list',
      () => upgrade('/api/events', [v13, key, auth, 'sec-websocket-protocol: a,,b']),
      400,
      'websocket_handshake_invalid',
    ],
    ['on a route that is not a WebSocket', () => upgrade('/api/site', [v13, key]), 404, 'not_found'],
    ['on a path that does not exist', () => upgrade('/api/nowhere', [v13, key]), 404, 'not_found'],
    ['as a POST', () => upgrade('/api/events', [v13, key, auth, 'content-length: 0'], 'POST'), 404, 'not_found'],
  ])('%s', async (_name, request, status, code) => {
    const res = await rawRequest(app.url, request().replace('Bearer ADMIN', `Bearer ${admin}`));
    expectEnvelope(res, status, code);
    expect(res.status).not.toBe(101);
  });

  it('a good handshake still opens the socket', async () => {
    const socket = new WebSocket(`${app.url.replace('http', 'ws')}/api/events`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.close();
  });
});
