/**
 * Slow clients are cut off on every route: headers that never finish, a body shorter than its
 * Content-Length (the photo upload used to wait forever), a JSON body that stalls; each gets
 * `408 request_timeout` in the error shape and the connection closed, and nothing is stored. The
 * keep-alive cap closes a connection after its last allowed request. A large download is not a
 * request still arriving: a client that reads it slowly still gets all of it.
 *
 * The appliance under test runs with short timeouts (the production ones are 10 s and 30 s, checked
 * in the first test), so nothing here waits long; no assertion is about how fast anything was.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';
import { rawExchange } from '../support/raw-http.js';
import { consoleToken, makeBuild, requestUpdateToken } from '../support/console-updates.js';
import { publishSigned } from '../support/release-key.js';
import { HTTP_TIMEOUTS } from '../../src-appliance/http/limits.js';

const SHORT = { headersMs: 400, requestMs: 1200, keepAliveMs: 1500, maxRequestsPerSocket: 3, checkIntervalMs: 100 };

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance({}, { httpTimeouts: SHORT });
  admin = await adminToken(app);
});
afterAll(() => app.close());

describe('timeouts and the keep-alive cap', () => {
  it('production: headers 10 s, request 30 s (ours, per request), keep-alive 30 s and 1000 requests per connection', async () => {
    const prod = await startTestAppliance();
    try {
      const server = prod.app.server;
      // Node's requestTimeout is per server and would cut uploads too; http/request-deadline.ts
      // applies requestMs to each request instead.
      expect([
        server.headersTimeout,
        server.requestTimeout,
        server.keepAliveTimeout,
        server.maxRequestsPerSocket,
      ]).toEqual([10_000, 0, 30_000, 1000]);
      expect(HTTP_TIMEOUTS).toMatchObject({ headersMs: 10_000, requestMs: 30_000 });
    } finally {
      await prod.close();
    }
  });

  it('PUT /api/account/photo with Content-Length 5 and 3 bytes: 408 request_timeout, closed, nothing stored', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    const exchange = rawExchange(
      app.url,
      `PUT /api/account/photo HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${token}\r\ncontent-type: image/png\r\ncontent-length: 5\r\n\r\n`,
      'abc',
    );
    const res = await exchange.response;
    expect([res.status, res.json?.error?.code]).toEqual([408, 'request_timeout']);
    await exchange.closed;
    expect((await call(app, 'GET', '/api/account', { token })).body.photo_url).toBeNull();
  });

  it('a JSON body that stalls halfway: 408, and the change is not made', async () => {
    const body = '{"private_display_name":"Never Saved"}';
    const exchange = rawExchange(
      app.url,
      `PATCH /api/account HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${admin}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
      body.slice(0, 10),
    );
    const res = await exchange.response;
    expect([res.status, res.json?.error?.code]).toEqual([408, 'request_timeout']);
    await exchange.closed;
    expect((await call(app, 'GET', '/api/account', { token: admin })).body.private_display_name).not.toBe(
      'Never Saved',
    );
  });

  it('headers that never finish: 408 request_timeout in the error shape, closed', async () => {
    const exchange = rawExchange(app.url, 'GET /api/site HTTP/1.1\r\nhost: localhost\r\nx-slow: 1');
    const res = await exchange.response;
    expect(res.status).toBe(408);
    expect(res.json?.error).toMatchObject({ code: 'request_timeout', details: {} });
    await exchange.closed;
  });

  it('a connection that sends nothing is closed', async () => {
    const exchange = rawExchange(app.url, Buffer.alloc(0));
    await exchange.closed;
    expect(exchange.socket.destroyed).toBe(true);
  });

  it('keep-alive cap: the last allowed request on a connection says close, and the server ends the connection', async () => {
    const get = 'GET /api/site HTTP/1.1\r\nhost: localhost\r\n\r\n';
    // One request more than the cap, as a client that ignores `Connection: close` sends it.
    const exchange = rawExchange(app.url, get.repeat(SHORT.maxRequestsPerSocket + 1));
    await exchange.closed;
    const statuses = [
      ...exchange
        .received()
        .toString('latin1')
        .matchAll(/HTTP\/1\.1 (\d{3}) /g),
    ].map((m) => m[1]);
    expect(statuses).toEqual(Array(SHORT.maxRequestsPerSocket).fill('200'));
    expect(exchange.received().toString('latin1').toLowerCase()).toContain('connection: close');
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const exchange = rawExchange(app.url, 'GET /api/site HTTP/1.1\r\nhost: localhost\r\n\r\n');
    expect((await exchange.response).status).toBe(200);
    await exchange.closed; // without this the test would time out
  });

  it('a download read more slowly than the request timeout still arrives whole', async () => {
    const build = makeBuild('Console Setup 9.0.0.exe', 8 * 1024 * 1024);
    await publishSigned(app.ctx, { version: '9.0.0', platform: 'win', file: build.file });
    const session = await consoleToken(app, 'install-slow-reader', '9.0.0');
    const token = (
      (await (await requestUpdateToken(app, session, 'install-slow-reader')).json()) as { update_token: string }
    ).update_token;
    const url = new URL(`${app.url}/api/console/updates/win/9.0.0/Console%20Setup%209.0.0.exe`);
    const received = await new Promise<Buffer>((resolve, reject) => {
      http
        .get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
          res.on('error', reject);
          res.pause(); // stop reading for longer than the request timeout
          setTimeout(() => res.resume(), SHORT.requestMs * 2);
        })
        .on('error', reject);
    });
    expect(received.equals(build.bytes)).toBe(true);
  });
});
