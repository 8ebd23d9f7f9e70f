/**
 * Body limits hold while a body streams: a chunked body (no Content-Length) is refused with 413 as
 * soon as it passes its limit, before the client has finished sending, and the connection is
 * closed rather than drained; nothing is stored. The multipart photo upload and every JSON route
 * documented in the OpenAPI (so a route added later is covered too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';
import { rawExchange } from '../support/raw-http.js';
import { JSON_BODY_LIMIT, MULTIPART_PHOTO_BODY_LIMIT } from '../../src-appliance/http/limits.js';
import { noisePng } from './photo-fixtures.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

const chunk = (data: Buffer | string) => {
  const b = Buffer.isBuffer(data) ? data : Buffer.from(data);
  return Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
};

/** Starts a chunked request and writes `bytes` of body in 64 KiB chunks, never the final chunk. */
function chunkedUpload(method: string, route: string, headers: string[], first: Buffer, total: number) {
  const head = [`${method} ${route} HTTP/1.1`, 'host: localhost', 'transfer-encoding: chunked', ...headers, '', ''];
  const exchange = rawExchange(app.url, head.join('\r\n'), chunk(first));
  let sent = first.length;
  const filler = Buffer.alloc(64 * 1024, 0x61);
  const pump = () => {
    while (sent < total && !exchange.socket.destroyed) {
      sent += filler.length;
      if (!exchange.socket.write(chunk(filler))) return void exchange.socket.once('drain', pump);
    }
  };
  pump();
  return exchange;
}

describe('a chunked body is refused while it streams', () => {
  it('a multipart photo upload: 413 payload_too_large once the body passes its limit, connection closed, nothing stored', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    const boundary = 'limit-test-boundary';
    // A field first: busboy's per-part limits alone never stop reading such a body (it was read in full).
    const preamble = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="note"\r\n\r\n`);
    const exchange = chunkedUpload(
      'PUT',
      '/api/account/photo',
      [`authorization: Bearer ${token}`, `content-type: multipart/form-data; boundary=${boundary}`],
      preamble,
      MULTIPART_PHOTO_BODY_LIMIT + 128 * 1024, // the client would go on to 30 MB; we stop writing here
    );
    const res = await exchange.response; // without the last chunk: the server did not wait for the rest
    expect([res.status, res.json?.error?.code]).toEqual([413, 'payload_too_large']);
    expect(res.headers.connection).toBe('close');
    await exchange.closed;
    expect(exchange.received().length).toBeLessThan(4096); // one answer, nothing else
    expect((await call(app, 'GET', '/api/account', { token })).body.photo_url).toBeNull();
    expect(await app.ctx.db.selectFrom('user_photos').select('user_id').where('user_id', '=', u.id).execute()).toEqual(
      [],
    );
  });

  it('a multipart photo within its limit still uploads, sent chunked', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    const boundary = 'ok-boundary';
    const png = await noisePng(120, 120);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="photo"; filename="me.png"\r\ncontent-type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const head = [
      'PUT /api/account/photo HTTP/1.1',
      'host: localhost',
      'transfer-encoding: chunked',
      `authorization: Bearer ${token}`,
      `content-type: multipart/form-data; boundary=${boundary}`,
      '',
      '',
    ].join('\r\n');
    const exchange = rawExchange(app.url, head, Buffer.concat([chunk(body), Buffer.from('0\r\n\r\n')]));
    const res = await exchange.response;
    exchange.socket.destroy();
    expect(res.status).toBe(200);
    expect((await call(app, 'GET', '/api/account', { token })).body.photo_url).toMatch(/^\/api\/users\//);
  });

  it('every JSON route: 413 payload_too_large once the body passes 64 KiB, connection closed', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.requestBody?.content?.['application/json'])
        .map(([method]) => ({
          method: method.toUpperCase(),
          path: p.replace(/\{id\}/g, '1').replace(/\{[^}]+\}/g, 'x'),
        })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const before = (await call(app, 'GET', '/api/account', { token: admin })).body;
    for (const r of routes) {
      const exchange = chunkedUpload(
        r.method,
        r.path,
        [`authorization: Bearer ${admin}`, 'content-type: application/json'],
        Buffer.from('{"private_display_name":"'),
        JSON_BODY_LIMIT + 128 * 1024,
      );
      const res = await exchange.response;
      expect([res.status, res.json?.error?.code], `${r.method} ${r.path}`).toEqual([413, 'payload_too_large']);
      await exchange.closed;
    }
    const after = (await call(app, 'GET', '/api/account', { token: admin })).body;
    expect(after.private_display_name).toBe(before.private_display_name);
    expect((await call(app, 'GET', '/api/site')).status).toBe(200);
  });
});
