/**
 * Uploads are limited by progress, every other request by time: a build that trickles in for
 * longer than the request timeout is published whole, one that stops is cut with `408
 * upload_stalled` and leaves no file and no record; a JSON body that trickles past the request
 * timeout is still cut (`408 request_timeout`), and so are headers that never finish.
 *
 * The appliance runs with 2 s limits (production: 30 s idle, 30 s per request, 10 s headers;
 * checked first), so each case takes seconds; no assertion is about how fast anything was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';
import { makeBuild } from '../support/console-updates.js';
import { signBuild } from '../support/release-key.js';
import { rawExchange, type RawExchange } from '../support/raw-http.js';
import { HTTP_TIMEOUTS } from '../../src-appliance/http/limits.js';

const LIMIT_MS = 2000;
const SHORT = {
  headersMs: LIMIT_MS,
  requestMs: LIMIT_MS,
  uploadIdleMs: LIMIT_MS,
  keepAliveMs: 3 * LIMIT_MS,
  checkIntervalMs: 100,
};
/** A gap well inside the idle limit, so a steady sender is never mistaken for a stalled one. */
const TRICKLE_GAP_MS = LIMIT_MS / 8;

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance({ uploadMaxBytes: 256 * 1024 }, { httpTimeouts: SHORT });
  admin = await adminToken(app);
});
afterAll(() => app?.close());

function publishHead(version: string, signature: string, length: number): string {
  return (
    `POST /api/admin/console-releases?platform=win&version=${version}&file_name=Setup.exe HTTP/1.1\r\n` +
    `Host: x\r\nAuthorization: Bearer ${admin}\r\nContent-Type: application/octet-stream\r\n` +
    `X-Release-Signature: ${signature}\r\nContent-Length: ${length}\r\n\r\n`
  );
}

/** Writes `bytes` in `pieces` parts with a pause before each, until done or the server closes. */
async function trickle(ex: RawExchange, bytes: Buffer, pieces: number, gapMs = TRICKLE_GAP_MS): Promise<void> {
  const size = Math.ceil(bytes.length / pieces);
  for (let at = 0; at < bytes.length && !ex.socket.destroyed; at += size) {
    await sleep(gapMs);
    ex.socket.write(bytes.subarray(at, at + size));
  }
}

/** Every file under a data folder (temporary ones included) whose path mentions `part`. */
function filesUnder(folder: string, part: string): string[] {
  const root = path.join(app.dataDir, folder);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter(
    (f) => f.includes(part) && fs.statSync(path.join(root, f)).isFile(),
  );
}
const releaseRecords = (version: string) =>
  app.ctx.db.selectFrom('console_releases').select('version').where('version', '=', version).execute();

describe('the limits', () => {
  it('production: an upload may go 30 s without a byte, any other body 30 s in all; Node’s own request timeout is off', async () => {
    expect(HTTP_TIMEOUTS).toMatchObject({ headersMs: 10_000, requestMs: 30_000, uploadIdleMs: 30_000 });
    const prod = await startTestAppliance();
    try {
      expect([prod.app.server.requestTimeout, prod.app.server.headersTimeout]).toEqual([0, 10_000]);
    } finally {
      await prod.close();
    }
  });
});

describe('an upload is limited by its progress', () => {
  it('a build that trickles in for three times the request timeout is published whole', async () => {
    const build = makeBuild('Setup.exe', 48 * 1024);
    const signature = await signBuild(build.file, '3.0.0');
    const ex = rawExchange(app.url, publishHead('3.0.0', signature, build.bytes.length));
    await trickle(ex, build.bytes, 24); // 24 gaps of LIMIT_MS / 8: three times LIMIT_MS
    const res = await ex.response;
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ release: { version: '3.0.0', size: build.bytes.length, sha512: build.sha512 } });
    const stored = path.join(app.dataDir, 'console-releases', 'win', '3.0.0', 'Setup.exe');
    expect(fs.readFileSync(stored).equals(build.bytes)).toBe(true);
    ex.socket.destroy();
  });

  it('a build that stops halfway: 408 upload_stalled, closed, no file and no record', async () => {
    const build = makeBuild('Setup.exe', 64 * 1024);
    const signature = await signBuild(build.file, '3.0.1');
    const ex = rawExchange(
      app.url,
      publishHead('3.0.1', signature, build.bytes.length),
      build.bytes.subarray(0, 32 * 1024),
    );
    const res = await ex.response;
    expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status: 408, code: 'upload_stalled' });
    expect(res.json?.error?.details).toEqual({ idle_ms: LIMIT_MS });
    await ex.closed;
    expect(filesUnder('console-releases', '3.0.1')).toEqual([]);
    expect(await releaseRecords('3.0.1')).toEqual([]);
    expect((await call(app, 'GET', '/api/site')).body.console_version).not.toBe('3.0.1');
  });

  it('a build that starts, trickles, then stops: cut, nothing stored', async () => {
    const build = makeBuild('Setup.exe', 64 * 1024);
    const signature = await signBuild(build.file, '3.0.2');
    const ex = rawExchange(app.url, publishHead('3.0.2', signature, build.bytes.length));
    await trickle(ex, build.bytes.subarray(0, 40 * 1024), 10);
    const res = await ex.response;
    expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status: 408, code: 'upload_stalled' });
    await ex.closed;
    expect(filesUnder('console-releases', '3.0.2')).toEqual([]);
    expect(await releaseRecords('3.0.2')).toEqual([]);
  });

  it('an installer whose body never starts: 408 upload_stalled, and the download stays unavailable', async () => {
    const ex = rawExchange(
      app.url,
      `PUT /api/admin/downloads/elevation-service-x64?file_name=svc.msi HTTP/1.1\r\nHost: x\r\n` +
        `Authorization: Bearer ${admin}\r\nContent-Type: application/octet-stream\r\nContent-Length: 4096\r\n\r\n`,
    );
    const res = await ex.response;
    expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status: 408, code: 'upload_stalled' });
    await ex.closed;
    expect(filesUnder('downloads', 'elevation-service-x64')).toEqual([]);
    const u = await createUser(app, admin);
    const tech = await tokenFor(app, u.username, u.password);
    const list = await call(app, 'GET', '/api/downloads', { token: tech });
    const item = list.body.items.find((i: { id: string }) => i.id === 'elevation-service-x64');
    expect(item).toMatchObject({ available: false });
  });
});

describe('every other request is limited by time', () => {
  it('a JSON body that trickles past the request timeout: 408 request_timeout, and the change is not made', async () => {
    const body = Buffer.from(JSON.stringify({ private_display_name: 'Trickled In Slowly' }));
    const ex = rawExchange(
      app.url,
      `PATCH /api/account HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${admin}\r\n` +
        `content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
    );
    // One byte at a time, each well inside the idle limit an upload would have: only the
    // whole-request limit can cut this one.
    await trickle(ex, body, body.length);
    const res = await ex.response;
    expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status: 408, code: 'request_timeout' });
    await ex.closed;
    const account = await call(app, 'GET', '/api/account', { token: admin });
    expect(account.body.private_display_name).not.toBe('Trickled In Slowly');
  });

  it('headers that trickle and never finish: 408 request_timeout, closed', async () => {
    const ex = rawExchange(app.url, 'GET /api/site HTTP/1.1\r\n');
    await trickle(ex, Buffer.from('host: localhost\r\nx-slow: ' + 'a'.repeat(64)), 64);
    const res = await ex.response;
    expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status: 408, code: 'request_timeout' });
    await ex.closed;
  });

  it('a keep-alive connection outlives the request timeout: the limit is per request, not per connection', async () => {
    const get = 'GET /api/site HTTP/1.1\r\nhost: localhost\r\n\r\n';
    const ex = rawExchange(app.url, get);
    expect((await ex.response).status).toBe(200);
    await sleep(LIMIT_MS * 1.5);
    expect(ex.socket.destroyed).toBe(false);
    ex.socket.write(get);
    const answers = () => ex.received().toString('latin1').split('HTTP/1.1 200 OK').length - 1;
    await vi.waitFor(() => expect(answers()).toBe(2), { timeout: 15_000 });
    ex.socket.destroy();
  });
});
