/**
 * Health for load balancers and the drain a SIGTERM starts: live and ready answer; once the
 * appliance begins to close, event sockets are told to reconnect elsewhere (1012), ready says 503
 * `draining`, requests already in flight are answered (not refused with a 503) and their connection
 * closes after the answer, new connections are refused, and a child appliance exits 0 on SIGTERM.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestAppliance, tempDir, type TestAppliance } from '../support/appliance.js';
import { adminToken, call } from '../support/api-client.js';
import { rawExchange } from '../support/raw-http.js';
import { ADMIN_ENV, startChildAppliance } from '../support/child-appliance.js';
import { EventClient } from './event-client.js';

let app: TestAppliance | null = null;
afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = null;
});

function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect(Number(port), hostname);
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

describe('health', () => {
  it('live and ready answer 200 on a running appliance, without a session, never cached', async () => {
    app = await startTestAppliance();
    const live = await call(app, 'GET', '/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'live' });
    const ready = await call(app, 'GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('ready is 503 database_unreachable when the database has gone away', async () => {
    app = await startTestAppliance();
    await app.ctx.db.destroy();
    const ready = await call(app, 'GET', '/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error).toMatchObject({ code: 'not_ready', details: { reason: 'database_unreachable' } });
    expect((await call(app, 'GET', '/api/health/live')).status).toBe(200);
  });
});

describe('drain', () => {
  it('closes event sockets with 1012, answers requests in flight, says draining, then refuses connections', async () => {
    app = await startTestAppliance();
    const token = await adminToken(app);
    const socket = await EventClient.open(app, { authorization: `Bearer ${token}` });
    // Two requests in flight when the drain begins: a login whose body has not all arrived, and a
    // readiness probe whose headers have not.
    const body = JSON.stringify({ username: 'admin', password: 'wrong-password-1', client: 'console' });
    const login = rawExchange(
      app.url,
      `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    const probe = rawExchange(app.url, 'GET /api/health/ready HTTP/1.1\r\nHost: x\r\n');
    await new Promise((r) => setTimeout(r, 100)); // both connections are open and their requests begun

    const closing = app.close();
    expect(await socket.closed()).toBe(1012);

    probe.socket.write('\r\n');
    const ready = await probe.response;
    expect(ready.status).toBe(503);
    expect(ready.json?.error).toMatchObject({ code: 'not_ready', details: { reason: 'draining' } });

    login.socket.write(body.slice(10));
    const answer = await login.response;
    expect(answer.status).toBe(401);
    expect(answer.json?.error?.code).toBe('invalid_credentials');
    expect(answer.headers.connection).toBe('close');
    await login.closed;

    await closing;
    expect(await refused(app.url)).toBe(true);
    app = null;
  });

  it('a connection made as the drain begins is accepted and answered with Connection: close, not reset', async () => {
    app = await startTestAppliance();
    const closing = app.close();
    // As a balancer's next request: connected and sent while the node begins to drain.
    const exchange = rawExchange(
      app.url,
      'PATCH /api/account HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    );
    const answer = await exchange.response;
    expect([answer.status, answer.json?.error?.code, answer.headers.connection]).toEqual([
      401,
      'unauthenticated',
      'close',
    ]);
    await closing;
    expect(await refused(app.url)).toBe(true);
    app = null;
  });

  it('SIGTERM drains the appliance process: the socket gets 1012 and the process exits 0', async () => {
    const child = await startChildAppliance(tempDir(), ADMIN_ENV);
    try {
      const login = await call(child, 'POST', '/api/auth/login', {
        body: {
          username: ADMIN_ENV.APPLIANCE_ADMIN_USERNAME,
          password: ADMIN_ENV.APPLIANCE_ADMIN_PASSWORD,
          client: 'console',
        },
      });
      const socket = await EventClient.open(child, { authorization: `Bearer ${login.body.token}` });
      const exited = new Promise<number | null>((resolve) => child.child.once('exit', (code) => resolve(code)));
      child.child.kill('SIGTERM');
      expect(await socket.closed(15_000)).toBe(1012);
      expect(await exited).toBe(0);
    } finally {
      await child.kill();
    }
  });
});
