/**
 * Publishing a console build from the browser (`POST /api/admin/console-releases`): the build
 * streamed as the raw body, its signature in X-Release-Signature, the same checks as
 * `publish-console`; every refusal a 4xx with its code that leaves no file and no record; the
 * audit line; the site's version (and so its hash) moved by a newer build; the feed serving it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { load as loadYaml } from 'js-yaml';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, loginWeb, tokenFor, webHeaders } from '../support/api-client.js';
import { makeBuild, requestUpdateToken } from '../support/console-updates.js';
import { signBuild } from '../support/release-key.js';
import { generateReleaseKey, readPrivateReleaseKey } from '../../src-appliance/console-releases/release-key.js';
import { rawExchange } from '../support/raw-http.js';

const UPLOAD_LIMIT = 256 * 1024;
let app: TestAppliance;
let admin: string;
let tech: string;

beforeAll(async () => {
  app = await startTestAppliance({ uploadMaxBytes: UPLOAD_LIMIT });
  admin = await adminToken(app);
  const t = await createUser(app, admin);
  tech = await tokenFor(app, t.username, t.password);
});
afterAll(async () => {
  await app?.close();
});

interface Upload {
  platform?: string;
  version?: string;
  fileName?: string;
  body?: Buffer;
  signature?: string | null;
  token?: string;
  headers?: Record<string, string>;
}

function upload(u: Upload) {
  const q = new URLSearchParams({
    platform: u.platform ?? 'win',
    version: u.version ?? '1.0.0',
    file_name: u.fileName ?? 'Support Console Setup.exe',
  });
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', ...u.headers };
  if (u.signature) headers['x-release-signature'] = u.signature;
  if (u.token !== undefined) headers.authorization = `Bearer ${u.token}`;
  return fetch(`${app.url}/api/admin/console-releases?${q}`, {
    method: 'POST',
    headers,
    body: u.body as BodyInit | undefined,
  });
}

async function json(res: Response) {
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Every file under the releases folder (temporary ones included). */
function storedFiles(): string[] {
  const root = path.join(app.dataDir, 'console-releases');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(root, f)).isFile(),
  );
}
const records = () => app.ctx.db.selectFrom('console_releases').select(['platform', 'version']).execute();

async function signedBuild(version: string, size = 64 * 1024, name = 'Support Console Setup.exe') {
  const build = makeBuild(name, size);
  return { ...build, signature: await signBuild(build.file, version) };
}

describe('publishing a console build by upload', () => {
  it('streams a signed build to disk, answers the release, moves the site version, and the feed serves it', async () => {
    const b = await signedBuild('1.4.0');
    const res = await json(await upload({ version: '1.4.0', body: b.bytes, signature: b.signature, token: admin }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      site_updated: true,
      console_version: '1.4.0',
      release: {
        version: '1.4.0',
        platform: 'win',
        file_name: 'Support Console Setup.exe',
        size: b.bytes.length,
        sha512: b.sha512,
        signature: b.signature,
      },
    });
    const stored = path.join(app.dataDir, 'console-releases', 'win', '1.4.0', 'Support Console Setup.exe');
    expect(fs.readFileSync(stored).equals(b.bytes)).toBe(true);
    const site = await call(app, 'GET', '/api/site');
    expect(site.body.console_version).toBe('1.4.0');

    const list = await call(app, 'GET', '/api/admin/console-releases', { token: admin });
    expect(list.body.items.map((r: { version: string }) => r.version)).toContain('1.4.0');
    expect(list.body.upload_max_bytes).toBe(UPLOAD_LIMIT);

    // A console with an update token finds it in its feed.
    const consoleToken = await tokenFor(app, 'admin', 'Admin-Passw0rd!-long', {
      install_id: 'upload-feed-install',
      console_version: '1.4.0',
    });
    const ut = (await (await requestUpdateToken(app, consoleToken, 'upload-feed-install')).json()) as {
      update_token: string;
    };
    const feed = await fetch(`${app.url}/api/console/updates/win/latest.yml`, {
      headers: { authorization: `Bearer ${ut.update_token}` },
    });
    expect(feed.status).toBe(200);
    const yml = loadYaml(await feed.text()) as { version: string; sha512: string };
    expect(yml).toMatchObject({ version: '1.4.0', sha512: b.sha512 });
  });

  it('appends the publish to the audit log with the version change', async () => {
    const b = await signedBuild('1.5.0');
    expect((await upload({ version: '1.5.0', body: b.bytes, signature: b.signature, token: admin })).status).toBe(201);
    const audit = await call(app, 'GET', '/api/admin/audit?kind=release.published', { token: admin });
    const entry = audit.body.entries.find((e: { target: string }) => e.target === 'release:win/1.5.0');
    expect(entry).toMatchObject({
      actor_username: 'admin',
      target_label: 'Windows 1.5.0',
      changes: {
        file_name: { old: null, new: 'Support Console Setup.exe' },
        sha512: { old: null, new: b.sha512 },
        console_version: { old: '1.4.0', new: '1.5.0' },
      },
    });
  });

  it('an older build is published without moving the site (no new site hash)', async () => {
    const b = await signedBuild('1.0.1', 1024, 'Console-1.0.1.AppImage');
    const res = await json(
      await upload({
        platform: 'linux',
        version: '1.0.1',
        fileName: 'Console-1.0.1.AppImage',
        body: b.bytes,
        signature: b.signature,
        token: admin,
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ site_updated: false, console_version: '1.5.0' });
  });

  it('takes a chunked body (no Content-Length) within the cap', async () => {
    const b = await signedBuild('1.6.0', 100 * 1024);
    const chunks = [b.bytes.subarray(0, 30_000), b.bytes.subarray(30_000)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const res = await fetch(`${app.url}/api/admin/console-releases?platform=mac&version=1.6.0&file_name=Console.dmg`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/octet-stream',
        'x-release-signature': b.signature,
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
    expect(fs.statSync(path.join(app.dataDir, 'console-releases', 'mac', '1.6.0', 'Console.dmg')).size).toBe(
      b.bytes.length,
    );
  });
});

describe('refused uploads leave no file and no record', () => {
  const nothingStored = async (version: string) => {
    expect(storedFiles().filter((f) => f.includes(version))).toEqual([]);
    expect(fs.readdirSync(path.join(app.dataDir, 'console-releases'), { recursive: true })).not.toContain(
      path.join('win', version),
    );
    expect((await records()).filter((r) => r.version === version)).toEqual([]);
    expect((await call(app, 'GET', '/api/site')).body.console_version).not.toBe(version);
  };

  it('a build signed by another key: 400 release_signature_invalid', async () => {
    const b = makeBuild('Support Console Setup.exe', 4096);
    const other = readPrivateReleaseKey(generateReleaseKey().privateKeyPem);
    const signature = await signBuild(b.file, '9.0.0', other);
    const res = await json(await upload({ version: '9.0.0', body: b.bytes, signature, token: admin }));
    expectError(res as never, 400, 'release_signature_invalid');
    await nothingStored('9.0.0');
  });

  it('a signature of the build as another version: 400 release_signature_invalid', async () => {
    const b = makeBuild('Support Console Setup.exe', 4096);
    const signature = await signBuild(b.file, '9.0.1');
    const res = await json(await upload({ version: '9.0.2', body: b.bytes, signature, token: admin }));
    expectError(res as never, 400, 'release_signature_invalid');
    await nothingStored('9.0.2');
  });

  it('a tampered build (one byte changed after signing): 400 release_signature_invalid', async () => {
    const b = await signedBuild('9.0.3', 4096);
    b.bytes[100] = b.bytes[100]! ^ 0xff;
    const res = await json(await upload({ version: '9.0.3', body: b.bytes, signature: b.signature, token: admin }));
    expectError(res as never, 400, 'release_signature_invalid');
    await nothingStored('9.0.3');
  });

  it('no signature: 400 release_unsigned; a signature that is not base64: release_signature_invalid', async () => {
    const b = makeBuild('Support Console Setup.exe', 4096);
    expectError(
      (await json(await upload({ version: '9.0.4', body: b.bytes, token: admin }))) as never,
      400,
      'release_unsigned',
    );
    expectError(
      (await json(await upload({ version: '9.0.4', body: b.bytes, signature: '<script>', token: admin }))) as never,
      400,
      'release_signature_invalid',
    );
    await nothingStored('9.0.4');
  });

  it('a version already published: 409 release_exists, and the stored build is untouched', async () => {
    const stored = path.join(app.dataDir, 'console-releases', 'win', '1.4.0', 'Support Console Setup.exe');
    const before = fs.readFileSync(stored);
    const b = await signedBuild('1.4.0', 2048);
    const res = await json(await upload({ version: '1.4.0', body: b.bytes, signature: b.signature, token: admin }));
    expectError(res as never, 409, 'release_exists');
    expect(fs.readFileSync(stored).equals(before)).toBe(true);
  });

  it('a version or platform that is not one: 400 validation_failed', async () => {
    const b = await signedBuild('9.0.5', 1024);
    for (const bad of [{ version: 'latest' }, { version: '../../1.0.0' }, { platform: 'windows' }, { platform: '' }]) {
      const res = await json(await upload({ ...bad, body: b.bytes, signature: b.signature, token: admin }));
      expectError(res as never, 400, 'validation_failed');
    }
    await nothingStored('9.0.5');
  });

  it.each([
    ['a path', '../../../etc/passwd.exe'],
    ['a Windows path', '..\\..\\evil.exe'],
    ['umlauts', 'Konsole Über.exe'],
    ['a right-to-left override', 'Setup\u202Eexe.msi'],
    ['a NUL', 'Setup\u0000.exe'],
    ['emoji', 'Setup 🚀.exe'],
    ['a leading dot', '.hidden.exe'],
  ])('a file name with %s: 400 file_name_invalid', async (_what, fileName) => {
    const b = await signedBuild('9.0.6', 1024);
    const res = await json(
      await upload({ version: '9.0.6', fileName, body: b.bytes, signature: b.signature, token: admin }),
    );
    expectError(res as never, 400, 'file_name_invalid');
    await nothingStored('9.0.6');
  });

  it('a Content-Length over the cap: 413 payload_too_large before the body is read', async () => {
    const b = await signedBuild('9.1.0', UPLOAD_LIMIT + 1);
    const res = await json(await upload({ version: '9.1.0', body: b.bytes, signature: b.signature, token: admin }));
    expectError(res as never, 413, 'payload_too_large');
    expect(res.body.error.details).toEqual({ max_bytes: UPLOAD_LIMIT });
    await nothingStored('9.1.0');
  });

  it('a chunked body that passes the cap: 413, connection closed, nothing stored', async () => {
    const b = await signedBuild('9.1.1', UPLOAD_LIMIT * 2);
    const q = 'platform=win&version=9.1.1&file_name=Setup.exe';
    const ex = rawExchange(
      app.url,
      `POST /api/admin/console-releases?${q} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n` +
        `Content-Type: application/octet-stream\r\nX-Release-Signature: ${b.signature}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    for (let at = 0; at < b.bytes.length && !ex.socket.destroyed; at += 32 * 1024) {
      const piece = b.bytes.subarray(at, at + 32 * 1024);
      ex.socket.write(`${piece.length.toString(16)}\r\n`);
      ex.socket.write(piece);
      ex.socket.write('\r\n');
    }
    const res = await ex.response;
    expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status: 413, code: 'payload_too_large' });
    await ex.closed;
    await nothingStored('9.1.1');
  });

  it('a client that goes away mid-upload leaves no temporary file and no record', async () => {
    const b = await signedBuild('9.1.2', 200 * 1024);
    const q = 'platform=win&version=9.1.2&file_name=Setup.exe';
    const ex = rawExchange(
      app.url,
      `POST /api/admin/console-releases?${q} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n` +
        `Content-Type: application/octet-stream\r\nX-Release-Signature: ${b.signature}\r\nContent-Length: ${b.bytes.length}\r\n\r\n`,
      b.bytes.subarray(0, 100 * 1024),
    );
    ex.response.catch(() => {}); // no answer comes: the client is gone
    // The first half has reached the temporary file before the client goes.
    await vi.waitFor(() => expect(storedFiles().some((f) => f.includes('9.1.2') && f.endsWith('.tmp'))).toBe(true), {
      timeout: 15_000,
    });
    ex.socket.destroy();
    await vi.waitFor(() => expect(storedFiles().filter((f) => f.includes('9.1.2'))).toEqual([]), { timeout: 15_000 });
    await nothingStored('9.1.2');
    // The appliance goes on serving.
    expect((await call(app, 'GET', '/api/health/live')).status).toBe(200);
  });

  it('a body shorter than its Content-Length (the sender half-closes): nothing stored', async () => {
    const b = await signedBuild('9.1.3', 8 * 1024);
    const q = 'platform=win&version=9.1.3&file_name=Setup.exe';
    const ex = rawExchange(
      app.url,
      `POST /api/admin/console-releases?${q} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n` +
        `Content-Type: application/octet-stream\r\nX-Release-Signature: ${b.signature}\r\nContent-Length: ${b.bytes.length + 10}\r\n\r\n`,
      b.bytes,
    );
    ex.response.catch(() => {}); // the answer, if any, is not what this test is about
    // Half-closing only once the handler is copying: before that, "nothing stored" would hold
    // merely because the server had not started yet.
    await vi.waitFor(() => expect(storedFiles().some((f) => f.includes('9.1.3') && f.endsWith('.tmp'))).toBe(true), {
      timeout: 15_000,
    });
    ex.socket.end();
    await ex.closed;
    // The server gives up on the missing bytes at the latest after the upload's 30 s without
    // progress (http/limits.ts); a busy machine may take that long to see the half-close.
    await vi.waitFor(() => nothingStored('9.1.3'), { timeout: 45_000, interval: 200 });
  });

  it('an empty body: 400 upload_incomplete; JSON instead of the file: 415', async () => {
    const b = await signedBuild('9.1.4', 16);
    expectError(
      (await json(
        await upload({ version: '9.1.4', body: Buffer.alloc(0), signature: b.signature, token: admin }),
      )) as never,
      400,
      'upload_incomplete',
    );
    const res = await json(
      await upload({
        version: '9.1.4',
        body: Buffer.from('{}'),
        signature: b.signature,
        token: admin,
        headers: { 'content-type': 'application/json' },
      }),
    );
    expectError(res as never, 415, 'unsupported_media_type');
    await nothingStored('9.1.4');
  });
});

describe('who may publish', () => {
  it('anonymous 401, a technician 403, a web admin without the CSRF token 403; none of them stores anything', async () => {
    const b = await signedBuild('9.2.0', 1024);
    expectError(
      (await json(await upload({ version: '9.2.0', body: b.bytes, signature: b.signature }))) as never,
      401,
      'unauthenticated',
    );
    expectError(
      (await json(await upload({ version: '9.2.0', body: b.bytes, signature: b.signature, token: tech }))) as never,
      403,
      'forbidden',
    );
    const web = await loginWeb(app, 'admin', 'Admin-Passw0rd!-long');
    expectError(
      (await json(
        await upload({ version: '9.2.0', body: b.bytes, signature: b.signature, headers: webHeaders(web, false) }),
      )) as never,
      403,
      'csrf_failed',
    );
    expect((await records()).filter((r) => r.version === '9.2.0')).toEqual([]);
    // With the CSRF token, the web admin publishes (what the browser's Console software screen does).
    const ok = await upload({ version: '9.2.0', body: b.bytes, signature: b.signature, headers: webHeaders(web) });
    expect(ok.status).toBe(201);
  });
});
