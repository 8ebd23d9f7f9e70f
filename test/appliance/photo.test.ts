/**
 * Profile photos against the real appliance over HTTP: accepted formats, every refusal with its
 * code, the 1 MiB cap enforced while streaming, EXIF stripped, ETag caching, and a crash in the
 * middle of replacing a photo leaving the previous one.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, tempDir, ADMIN, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginWeb, tokenFor, webHeaders } from '../support/api-client.js';
import { EXIF_MARKER, SVG, gif, jpegWithExif, noisePng, plainJpeg, pngBomb } from './photo-fixtures.js';
import { ADMIN_ENV, startChildAppliance } from '../support/child-appliance.js';

const MiB = 1024 * 1024;

interface PhotoRes {
  status: number;
  body: { photo_url: string; error: { code: string } };
}

async function put(app: { url: string }, token: string, body: Buffer, contentType: string) {
  const res = await fetch(`${app.url}/api/account/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as PhotoRes['body'] } satisfies PhotoRes;
}

async function putMultipart(app: { url: string }, token: string, body: Buffer, fileName: string, type: string) {
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(body)], { type }), fileName);
  const res = await fetch(`${app.url}/api/account/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as PhotoRes['body'] } satisfies PhotoRes;
}

describe('profile photo', () => {
  let app: TestAppliance;
  let token: string;
  let userId: number;

  beforeAll(async () => {
    app = await startTestAppliance();
    const admin = await adminToken(app);
    const u = await createUser(app, admin);
    userId = u.id;
    token = await tokenFor(app, u.username, u.password);
  });
  afterAll(() => app.close());

  it('accepts a PNG (raw body), serves it publicly with ETag and cache headers, and shows photo_url', async () => {
    const res = await put(app, token, await noisePng(200, 160), 'image/png');
    expect(res.status).toBe(200);
    expect(res.body.photo_url).toMatch(new RegExp(`^/api/users/${userId}/photo\\?v=`));
    expect((await call(app, 'GET', '/api/account', { token })).body.photo_url).toBe(res.body.photo_url);

    const got = await fetch(`${app.url}${res.body.photo_url}`); // no credentials: public
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('cache-control')).toContain('public');
    const etag = got.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const meta = await sharp(Buffer.from(await got.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 200, 160]);
    const again = await fetch(`${app.url}/api/users/${userId}/photo`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('accepts a JPEG as multipart, and strips EXIF (GPS, copyright) from the stored copy', async () => {
    const original = await jpegWithExif(300, 240);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes(Buffer.from(EXIF_MARKER))).toBe(true);
    const res = await putMultipart(app, token, original, 'me.jpg', 'image/jpeg');
    expect(res.status).toBe(200);
    const served = Buffer.from(await (await fetch(`${app.url}${res.body.photo_url}`)).arrayBuffer());
    const meta = await sharp(served).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(served.includes(Buffer.from(EXIF_MARKER))).toBe(false);
  });

  it('accepts a raw JPEG and a PNG via multipart', async () => {
    expect((await put(app, token, await plainJpeg(80, 80), 'image/jpeg')).status).toBe(200);
    expect((await putMultipart(app, token, await noisePng(90, 90), 'me.png', 'image/png')).status).toBe(200);
  });

  it.each([
    ['a GIF', async () => gif(100, 100), 'image/gif', 415, 'photo_unsupported_type'],
    ['an SVG', async () => SVG, 'image/svg+xml', 415, 'photo_unsupported_type'],
    ['an SVG sent as image/png', async () => SVG, 'image/png', 415, 'photo_unsupported_type'],
    ['a PNG sent as image/jpeg', async () => noisePng(100, 100), 'image/jpeg', 415, 'photo_unsupported_type'],
    ['a truncated PNG', async () => (await noisePng(200, 200)).subarray(0, 20_000), 'image/png', 422, 'photo_corrupt'],
    [
      'a truncated JPEG',
      async () => {
        const j = await sharp({
          create: {
            width: 400,
            height: 400,
            channels: 3,
            background: '#000',
            noise: { type: 'gaussian', mean: 128, sigma: 40 },
          },
        })
          .jpeg()
          .toBuffer();
        return j.subarray(0, Math.floor(j.length / 2));
      },
      'image/jpeg',
      422,
      'photo_corrupt',
    ],
    ['a 79×80 PNG', async () => noisePng(79, 80), 'image/png', 422, 'photo_too_small'],
    ['an 80×79 JPEG', async () => plainJpeg(80, 79), 'image/jpeg', 422, 'photo_too_small'],
    ['a 20000×20000 PNG bomb', async () => pngBomb(), 'image/png', 422, 'photo_too_many_pixels'],
    [
      '1 MiB + 1 byte',
      async () => Buffer.concat([await noisePng(100, 100), Buffer.alloc(MiB + 1)]).subarray(0, MiB + 1),
      'image/png',
      413,
      'photo_too_large',
    ],
    ['an empty body', async () => Buffer.alloc(0), 'image/png', 415, 'photo_unsupported_type'],
  ])('refuses %s', async (_name, make, type, status, code) => {
    const before = (await call(app, 'GET', '/api/account', { token })).body.photo_url;
    const res = await put(app, token, await make(), type);
    expect([res.status, res.body.error.code]).toEqual([status, code]);
    expect((await call(app, 'GET', '/api/account', { token })).body.photo_url).toBe(before);
  });

  it('refuses a PNG renamed to .jpg with the wrong type in multipart, and 1 MiB + 1 in multipart', async () => {
    const renamed = await putMultipart(app, token, await noisePng(100, 100), 'holiday.jpg', 'image/jpeg');
    expect([renamed.status, renamed.body.error.code]).toEqual([415, 'photo_unsupported_type']);
    const nameOnly = await putMultipart(
      app,
      token,
      await noisePng(100, 100),
      'holiday.jpg',
      'application/octet-stream',
    );
    expect(nameOnly.body.error.code).toBe('photo_unsupported_type');
    const big = await putMultipart(app, token, Buffer.alloc(MiB + 1, 1), 'big.png', 'image/png');
    expect([big.status, big.body.error.code]).toEqual([413, 'photo_too_large']);
  });

  it('accepts exactly 1 MiB as far as size goes (the body is then judged by content)', async () => {
    const res = await put(
      app,
      token,
      Buffer.concat([await noisePng(100, 100), Buffer.alloc(MiB)]).subarray(0, MiB),
      'image/png',
    );
    expect(res.body.error?.code).not.toBe('photo_too_large');
  });

  function rawPut(headers: Record<string, string | number>): { req: http.ClientRequest; response: Promise<PhotoRes> } {
    const url = new URL(`${app.url}/api/account/photo`);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png', ...headers },
    });
    const response = new Promise<PhotoRes>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as PhotoRes['body'] }));
      });
      req.on('error', reject);
    });
    return { req, response };
  }

  it('refuses an oversized chunked upload while it streams, before the rest is sent', async () => {
    const { req, response } = rawPut({ 'transfer-encoding': 'chunked' });
    req.write(Buffer.alloc(512 * 1024));
    req.write(Buffer.alloc(512 * 1024 + 1)); // 1 MiB + 1 so far; the client would send 9 MiB more
    const res = await response; // arrives without req.end(): the server did not wait for the rest
    expect([res.status, res.body.error.code]).toEqual([413, 'photo_too_large']);
    req.destroy();
  });

  it('refuses a declared Content-Length over 1 MiB before reading the body', async () => {
    const { req, response } = rawPut({ 'content-length': 50 * MiB });
    req.write(Buffer.alloc(10));
    const res = await response;
    expect([res.status, res.body.error.code]).toEqual([413, 'photo_too_large']);
    req.destroy();
    expect((await call(app, 'GET', '/api/site')).status).toBe(200); // still healthy
  });

  it('browser uploads use the session cookie and need the CSRF header', async () => {
    const admin = await adminToken(app);
    const u = await createUser(app, admin);
    const web = await loginWeb(app, u.username, u.password);
    const body = new Uint8Array(await noisePng(100, 100));
    const noCsrf = await fetch(`${app.url}/api/account/photo`, {
      method: 'PUT',
      headers: { ...webHeaders(web, false), 'content-type': 'image/png' },
      body,
    });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as PhotoRes['body']).error.code).toBe('csrf_failed');
    const ok = await fetch(`${app.url}/api/account/photo`, {
      method: 'PUT',
      headers: { ...webHeaders(web), 'content-type': 'image/png' },
      body,
    });
    expect(ok.status).toBe(200);
  });

  it('refuses uploads without a session before reading them, and deletes', async () => {
    const anon = await fetch(`${app.url}/api/account/photo`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(await noisePng(100, 100)),
    });
    expect(anon.status).toBe(401);
    expect((await put(app, token, await noisePng(100, 100), 'image/png')).status).toBe(200);
    expect((await call(app, 'DELETE', '/api/account/photo', { token })).status).toBe(204);
    expect((await call(app, 'GET', '/api/account', { token })).body.photo_url).toBeNull();
    expect((await fetch(`${app.url}/api/users/${userId}/photo`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/users/abc/photo`)).status).toBe(400);
    expect(
      await app.ctx.db.selectFrom('user_photos').select('user_id').where('user_id', '=', userId).execute(),
    ).toEqual([]);
  });
});

describe('photo replacement under SIGKILL', () => {
  it('a crash at any moment of a replace leaves a complete photo: the old one or the new one', async () => {
    const dataDir = tempDir();
    const first = await noisePng(300, 300);
    const candidates = await Promise.all([1, 2, 3].map((i) => noisePng(300 + i * 10, 300)));
    let proc = await startChildAppliance(dataDir, ADMIN_ENV);
    const login = async () => {
      const res = await call(proc, 'POST', '/api/auth/login', {
        body: { username: ADMIN.username, password: ADMIN.password, client: 'console' },
      });
      return res.body.token as string;
    };
    let token = await login();
    expect((await put(proc, token, first, 'image/png')).status).toBe(200);
    const acceptable = new Set<string>();
    const served = async () => {
      const account = (await call(proc, 'GET', '/api/account', { token })).body;
      return Buffer.from(await (await fetch(`${proc.url}${account.photo_url}`)).arrayBuffer());
    };
    const firstServed = await served();
    acceptable.add(firstServed.toString('base64'));
    try {
      // Deterministic case: killed while the new photo's body is half sent.
      const url = new URL(`${proc.url}/api/account/photo`);
      const half = http.request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'image/png',
          'content-length': candidates[0]!.length,
        },
      });
      half.on('error', () => {});
      half.write(candidates[0]!.subarray(0, candidates[0]!.length >> 1));
      await new Promise((r) => setTimeout(r, 200));
      await proc.kill();
      proc = await startChildAppliance(dataDir, ADMIN_ENV);
      token = await login();
      expect((await served()).equals(firstServed)).toBe(true);

      for (let round = 0; round < 4; round++) {
        // Learn what each candidate is stored as, then replace again and kill mid-way.
        for (const c of candidates) {
          expect((await put(proc, token, c, 'image/png')).status).toBe(200);
          acceptable.add((await served()).toString('base64'));
        }
        const inflight = candidates.map((c) => put(proc, token, c, 'image/png').catch(() => null));
        await new Promise((r) => setTimeout(r, 5 + round * 15));
        await proc.kill();
        await Promise.all(inflight);
        proc = await startChildAppliance(dataDir, ADMIN_ENV);
        token = await login();
        const now = await served();
        expect(acceptable.has(now.toString('base64'))).toBe(true);
        await sharp(now, { failOn: 'truncated' }).raw().toBuffer(); // decodes completely
        // The account names exactly the version that is served, and nothing is kept as a file.
        const account = (await call(proc, 'GET', '/api/account', { token })).body;
        const res = await fetch(`${proc.url}${account.photo_url}`);
        expect(res.headers.get('etag')).toBe(`"${new URL(account.photo_url, proc.url).searchParams.get('v')}"`);
        expect(fs.existsSync(path.join(dataDir, 'photos'))).toBe(false);
      }
    } finally {
      await proc.kill();
    }
  }, 400_000);
});

describe('photos kept as files by an earlier version', () => {
  it('move into the database at start: the current one is served, the folder with its leftovers is gone', async () => {
    const dataDir = tempDir();
    let app = await startTestAppliance({ dataDir });
    const u = await createUser(app, await adminToken(app));
    const bytes = await noisePng(100, 100);
    await app.ctx.db.updateTable('users').set({ photo_etag: 'legacyEtag123' }).where('id', '=', u.id).execute();
    await app.close();
    const folder = path.join(dataDir, 'photos');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, `${u.id}-legacyEtag123`), bytes);
    fs.writeFileSync(path.join(folder, `${u.id}-olderEtag`), 'a replaced photo');
    fs.writeFileSync(path.join(folder, `.tmp-${u.id}-abc`), 'half written');

    app = await startTestAppliance({ dataDir });
    try {
      expect(fs.existsSync(folder)).toBe(false);
      const res = await fetch(`${app.url}/api/users/${u.id}/photo?v=legacyEtag123`);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"legacyEtag123"');
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
