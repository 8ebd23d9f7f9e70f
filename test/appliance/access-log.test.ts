/**
 * The access log: one line per request once it is answered, with the route's pattern instead of
 * the raw URL (so single-use tokens in a query never reach the log) and the status and duration.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call } from '../support/api-client.js';

const lines: Record<string, unknown>[] = [];
const stream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let app: TestAppliance;
beforeAll(async () => {
  app = await startTestAppliance({}, { logger: { level: 'info', stream } });
});
afterAll(() => app.close());

const requestLines = () => lines.filter((l) => l.msg === 'request');

describe('access log', () => {
  it('writes one line per answered request: method, route pattern, status and duration', async () => {
    const token = await adminToken(app);
    lines.length = 0;
    expect((await call(app, 'GET', '/api/account', { token })).status).toBe(200);
    expect((await call(app, 'GET', '/api/users/424242/photo')).status).toBe(404);
    await expect.poll(() => requestLines().length).toBe(2);
    const [account, photo] = requestLines();
    expect(account).toMatchObject({ level: 30, method: 'GET', route: '/api/account', status: 200 });
    expect(typeof account!.ms).toBe('number');
    expect(photo).toMatchObject({ method: 'GET', route: '/api/users/:id/photo', status: 404 });
    // Fastify's own pair of lines per request is off.
    expect(lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toEqual([]);
  });

  it('never writes a query string: a token in the URL stays out of the log', async () => {
    lines.length = 0;
    const secret = 'a-single-use-token-that-must-not-be-logged';
    await call(app, 'GET', `/api/extended-availability/disable?token=${secret}`);
    await call(app, 'GET', `/no/such/route?token=${secret}`);
    await expect.poll(() => requestLines().length).toBe(2);
    expect(requestLines().map((l) => l.route)).toEqual(['/api/extended-availability/disable', '/no/such/route']);
    expect(JSON.stringify(lines)).not.toContain(secret);
  });
});
