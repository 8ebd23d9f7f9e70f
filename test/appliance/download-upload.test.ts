/**
 * Management > Console software's other two tables over HTTP: installers added and replaced by
 * upload (`PUT /api/admin/downloads/{id}`: streamed, capped, the old file served until the new one
 * arrived in full, audit-appended), and update tokens revoked by an admin (audit-appended; the
 * console's token is refused by the feed from then on).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, loginWeb, tokenFor, webHeaders } from '../support/api-client.js';
import { makeBuild, requestUpdateToken } from '../support/console-updates.js';
import { rawExchange } from '../support/raw-http.js';

const UPLOAD_LIMIT = 128 * 1024;
let app: TestAppliance;
let admin: string;
let tech: { username: string; password: string; token: string };

beforeAll(async () => {
  app = await startTestAppliance({ uploadMaxBytes: UPLOAD_LIMIT });
  admin = await adminToken(app);
  const t = await createUser(app, admin);
  tech = { ...t, token: await tokenFor(app, t.username, t.password) };
});
afterAll(async () => {
  await app?.close();
});

function put(
  id: string,
  fileName: string,
  body: Buffer,
  opts: { token?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return fetch(`${app.url}/api/admin/downloads/${id}?file_name=${encodeURIComponent(fileName)}`, {
    method: 'PUT',
    headers,
    body: body as BodyInit,
  });
}
async function json(res: Response) {
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const filesOf = (id: string) => {
  const dir = path.join(app.dataDir, 'downloads', id);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};
const download = async (id: string) => {
  const res = await fetch(`${app.url}/api/downloads/${id}`, { headers: { authorization: `Bearer ${tech.token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('PUT /api/admin/downloads/{id}', () => {
  it('adds an installer that technicians can then download, and audits it', async () => {
    const v1 = makeBuild('elevation-service-x64.msi', 40_000);
    const res = await json(await put('elevation-service-x64', 'elevation-service-x64.msi', v1.bytes, { token: admin }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      replaced: false,
      item: { id: 'elevation-service-x64', available: true, file_name: 'elevation-service-x64.msi', size: 40_000 },
    });
    expect((await download('elevation-service-x64')).bytes.equals(v1.bytes)).toBe(true);
    const audit = await call(app, 'GET', '/api/admin/audit?kind=download.replaced', { token: admin });
    expect(audit.body.entries[0]).toMatchObject({
      actor_username: ADMIN.username,
      target: 'download:elevation-service-x64',
      changes: { file_name: { old: null, new: 'elevation-service-x64.msi' }, size: { old: null, new: 40_000 } },
    });
  });

  it('replaces it under another name: the old file goes, the audit line has old and new', async () => {
    const v2 = makeBuild('ElevationService-2.0-x64.msi', 50_000);
    const res = await json(
      await put('elevation-service-x64', 'ElevationService-2.0-x64.msi', v2.bytes, { token: admin }),
    );
    expect(res.body).toMatchObject({
      replaced: true,
      item: { file_name: 'ElevationService-2.0-x64.msi', size: 50_000 },
    });
    expect(filesOf('elevation-service-x64')).toEqual(['ElevationService-2.0-x64.msi']);
    expect((await download('elevation-service-x64')).bytes.equals(v2.bytes)).toBe(true);
    const audit = await call(app, 'GET', '/api/admin/audit?kind=download.replaced', { token: admin });
    expect(audit.body.entries[0].changes).toMatchObject({
      file_name: { old: 'elevation-service-x64.msi', new: 'ElevationService-2.0-x64.msi' },
      size: { old: 40_000, new: 50_000 },
    });
  });

  it('each installer kind per architecture: display driver, virtual smart card, elevation service x86', async () => {
    for (const [id, name] of [
      ['display-driver-windows', 'display-driver.exe'],
      ['virtual-smart-card-endpoint-arm64', 'vsc-endpoint-arm64.msi'],
      ['virtual-smart-card-representative-x86', 'vsc-rep-x86.msi'],
      ['elevation-service-x86', 'elevation-service-x86.msi'],
    ] as const) {
      const b = makeBuild(name, 1000);
      expect((await put(id, name, b.bytes, { token: admin })).status, id).toBe(200);
      expect((await download(id)).bytes.equals(b.bytes), id).toBe(true);
    }
  });

  it('refusals keep the current file: wrong type, odd names, unknown id, release-backed entries', async () => {
    const b = makeBuild('x.msi', 1000);
    const current = (await download('elevation-service-x64')).bytes;
    expectError(
      (await json(await put('elevation-service-x64', 'setup.exe', b.bytes, { token: admin }))) as never,
      400,
      'file_type_mismatch',
    );
    for (const name of ['../../evil.msi', 'Dienst Ü.msi', 'a\u202Eisn.msi', 'a/b.msi', '.msi'])
      expectError(
        (await json(await put('elevation-service-x64', name, b.bytes, { token: admin }))) as never,
        400,
        'file_name_invalid',
      );
    expectError(
      (await json(await put('no-such-download', 'x.msi', b.bytes, { token: admin }))) as never,
      404,
      'not_found',
    );
    expectError(
      (await json(await put('console-windows-x64-exe', 'Setup.exe', b.bytes, { token: admin }))) as never,
      400,
      'download_not_replaceable',
    );
    expectError(
      (await json(await put('elevation-service.reg', 'x.reg', b.bytes, { token: admin }))) as never,
      400,
      'download_not_replaceable',
    );
    expect((await download('elevation-service-x64')).bytes.equals(current)).toBe(true);
    expect(filesOf('elevation-service-x64')).toEqual(['ElevationService-2.0-x64.msi']);
  });

  it('over the cap (declared or chunked) and cut off mid-upload: the old file stays, no temporary file', async () => {
    const current = (await download('elevation-service-x64')).bytes;
    const big = makeBuild('big.msi', UPLOAD_LIMIT + 1);
    const res = await json(await put('elevation-service-x64', 'big.msi', big.bytes, { token: admin }));
    expectError(res as never, 413, 'payload_too_large');

    const head = (extra: string) =>
      `PUT /api/admin/downloads/elevation-service-x64?file_name=big.msi HTTP/1.1\r\nHost: x\r\n` +
      `Authorization: Bearer ${admin}\r\nContent-Type: application/octet-stream\r\n${extra}\r\n`;
    const chunked = rawExchange(app.url, head('Transfer-Encoding: chunked\r\n'));
    for (let at = 0; at < big.bytes.length + 64 * 1024 && !chunked.socket.destroyed; at += 16 * 1024) {
      chunked.socket.write(`4000\r\n`);
      chunked.socket.write(Buffer.alloc(16 * 1024, 7));
      chunked.socket.write('\r\n');
    }
    const r = await chunked.response;
    expect({ status: r.status, code: r.json?.error?.code }).toEqual({ status: 413, code: 'payload_too_large' });

    const cut = rawExchange(app.url, head(`Content-Length: 100000\r\n`), Buffer.alloc(50_000, 1));
    cut.response.catch(() => {}); // the client leaves before any answer
    await vi.waitFor(() => expect(filesOf('elevation-service-x64').some((f) => f.endsWith('.tmp'))).toBe(true), {
      timeout: 15_000,
    });
    cut.socket.destroy();
    await vi.waitFor(() => expect(filesOf('elevation-service-x64')).toEqual(['ElevationService-2.0-x64.msi']), {
      timeout: 15_000,
    });
    expect((await download('elevation-service-x64')).bytes.equals(current)).toBe(true);
  });

  it('authz: anonymous 401, technician 403, web admin needs the CSRF token', async () => {
    const b = makeBuild('display-driver.exe', 100);
    expectError(
      (await json(await put('display-driver-windows', 'display-driver.exe', b.bytes))) as never,
      401,
      'unauthenticated',
    );
    expectError(
      (await json(await put('display-driver-windows', 'display-driver.exe', b.bytes, { token: tech.token }))) as never,
      403,
      'forbidden',
    );
    const web = await loginWeb(app, ADMIN.username, ADMIN.password);
    expectError(
      (await json(
        await put('display-driver-windows', 'display-driver.exe', b.bytes, { headers: webHeaders(web, false) }),
      )) as never,
      403,
      'csrf_failed',
    );
    expect(
      (await put('display-driver-windows', 'display-driver.exe', b.bytes, { headers: webHeaders(web) })).status,
    ).toBe(200);
  });
});

describe('DELETE /api/admin/update-tokens/{id}', () => {
  it('revokes the token: the feed refuses it from then on, and the audit log says who revoked whose', async () => {
    const session = await tokenFor(app, tech.username, tech.password, { install_id: 'install-revoke-1' });
    const { update_token } = (await (await requestUpdateToken(app, session, 'install-revoke-1')).json()) as {
      update_token: string;
    };
    const feed = () =>
      fetch(`${app.url}/api/console/updates/win/latest.yml`, { headers: { authorization: `Bearer ${update_token}` } });
    expect((await feed()).status).not.toBe(401);

    const list = await call(app, 'GET', '/api/admin/update-tokens', { token: admin });
    const item = list.body.items.find((t: { install_id: string }) => t.install_id === 'install-revoke-1');
    expect(item).toMatchObject({ username: tech.username, revoked_at: null });
    expect((await call(app, 'DELETE', `/api/admin/update-tokens/${item.id}`, { token: tech.token })).status).toBe(403);
    expect((await call(app, 'DELETE', `/api/admin/update-tokens/${item.id}`)).status).toBe(401);
    expect((await call(app, 'DELETE', `/api/admin/update-tokens/${item.id}`, { token: admin })).status).toBe(204);

    const refused = await feed();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('update_token_invalid');
    const audit = await call(app, 'GET', '/api/admin/audit?kind=update_token.revoked', { token: admin });
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      actor_username: ADMIN.username,
      target: `update_token:${item.id}`,
      target_label: `install-revoke-1 (${tech.username})`,
    });
    // Revoking it again changes nothing and appends nothing.
    expect((await call(app, 'DELETE', `/api/admin/update-tokens/${item.id}`, { token: admin })).status).toBe(204);
    expect(
      (await call(app, 'GET', '/api/admin/audit?kind=update_token.revoked', { token: admin })).body.entries,
    ).toHaveLength(1);
    expectError(
      await call(app, 'DELETE', '/api/admin/update-tokens/no-such-token', { token: admin }),
      404,
      'not_found',
    );
  });
});
