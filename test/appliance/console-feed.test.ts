/**
 * Update tokens and the token-gated update feed on the real appliance over HTTP: issuing
 * (console sessions only, rotation), the admin's list and revoke, latest.yml in electron-updater's
 * format, and artifact downloads with Range / If-Range / ETag / If-None-Match.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { TECH, consoleToken, createTechnician, makeBuild, requestUpdateToken } from '../support/console-updates.js';
import { publishSigned } from '../support/release-key.js';

let app: TestAppliance;
let build: ReturnType<typeof makeBuild>;
let updateToken: string;
let adminSession: string;
const FEED = () => `${app.url}/api/console/updates/win`;
const ARTIFACT = () => `${FEED()}/1.1.0/Console%20Setup%201.1.0.exe`;

const withToken = (token: string, headers: Record<string, string> = {}) => ({
  headers: { authorization: `Bearer ${token}`, ...headers },
});
async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

beforeAll(async () => {
  app = await startTestAppliance();
  await createTechnician(app);
  build = makeBuild('Console Setup 1.1.0.exe', 1_000_003);
  await publishSigned(app.ctx, {
    version: '1.0.5',
    platform: 'win',
    file: makeBuild('Console Setup 1.0.5.exe', 100).file,
  });
  await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: build.file });
  adminSession = await consoleToken(app, 'install-admin-000', '1.1.0');
  const res = await requestUpdateToken(app, adminSession, 'install-admin-000');
  expect(res.status).toBe(200);
  updateToken = ((await res.json()) as { update_token: string }).update_token;
});
afterAll(async () => {
  await app.close();
});

describe('POST /api/console/update-token', () => {
  it('is for console sessions only, stored hashed, and validates its body', async () => {
    expect(
      (
        await fetch(`${app.url}/api/console/update-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"install_id":"install-anon-1"}',
        })
      ).status,
    ).toBe(401);
    // A browser session (cookie + CSRF) is refused with console_client_required.
    const webRes = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...TECH, client: 'web' }),
    });
    const setCookie = webRes.headers.getSetCookie();
    const csrf = ((await webRes.json()) as { csrf_token: string }).csrf_token;
    const r = await fetch(`${app.url}/api/console/update-token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: setCookie.map((c) => c.split(';')[0]).join('; '),
        'x-csrf-token': csrf,
      },
      body: JSON.stringify({ install_id: 'install-web-0001' }),
    });
    expect(r.status).toBe(403);
    expect(await errorCode(r)).toBe('console_client_required');

    const session = await consoleToken(app, 'install-tech-001', '1.1.0', TECH);
    expect(await errorCode(await requestUpdateToken(app, session, 'bad id!'))).toBe('validation_failed');
    const other = await requestUpdateToken(app, session, 'install-other-01');
    expect(other.status).toBe(403);
    const ok = await requestUpdateToken(app, session, 'install-tech-001');
    const { update_token } = (await ok.json()) as { update_token: string };
    const rows = await app.ctx.db
      .selectFrom('update_tokens')
      .selectAll()
      .where('install_id', '=', 'install-tech-001')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(crypto.createHash('sha256').update(update_token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(update_token);
  });

  it('a second request for the same install rotates: the new token works, the old one is refused', async () => {
    const session = await consoleToken(app, 'install-rotate-1', '1.1.0', TECH);
    const first = (
      (await (await requestUpdateToken(app, session, 'install-rotate-1')).json()) as { update_token: string }
    ).update_token;
    expect((await fetch(`${FEED()}/latest.yml`, withToken(first))).status).toBe(200);
    const second = (
      (await (await requestUpdateToken(app, session, 'install-rotate-1')).json()) as { update_token: string }
    ).update_token;
    expect(second).not.toBe(first);
    expect((await fetch(`${FEED()}/latest.yml`, withToken(first))).status).toBe(401);
    expect((await fetch(`${FEED()}/latest.yml`, withToken(second))).status).toBe(200);
  });
});

describe('admin: list and revoke update tokens', () => {
  it('lists installs without the token; revoking makes the feed refuse it; non-admins get 403', async () => {
    const techSession = await consoleToken(app, 'install-list-001', '1.1.0', TECH);
    const t = (
      (await (await requestUpdateToken(app, techSession, 'install-list-001')).json()) as { update_token: string }
    ).update_token;
    expect((await fetch(`${app.url}/api/admin/update-tokens`, withToken(techSession))).status).toBe(403);
    expect((await fetch(`${app.url}/api/admin/update-tokens`)).status).toBe(401);

    const list = (await (await fetch(`${app.url}/api/admin/update-tokens`, withToken(adminSession))).json()) as {
      items: { id: string; install_id: string; username: string; revoked_at: string | null }[];
    };
    const item = list.items.find((i) => i.install_id === 'install-list-001' && !i.revoked_at)!;
    expect(item).toMatchObject({ username: TECH.username, revoked_at: null });
    expect(JSON.stringify(list)).not.toContain(t);

    expect(
      (await fetch(`${app.url}/api/admin/update-tokens/${item.id}`, { method: 'DELETE', ...withToken(techSession) }))
        .status,
    ).toBe(403);
    expect(
      (await fetch(`${app.url}/api/admin/update-tokens/${item.id}`, { method: 'DELETE', ...withToken(adminSession) }))
        .status,
    ).toBe(204);
    expect(
      (await fetch(`${app.url}/api/admin/update-tokens/no-such-id`, { method: 'DELETE', ...withToken(adminSession) }))
        .status,
    ).toBe(404);
    const refused = await fetch(`${FEED()}/latest.yml`, withToken(t));
    expect(refused.status).toBe(401);
    expect(await errorCode(refused)).toBe('update_token_invalid');
  });
});

describe('the feed', () => {
  it('refuses a missing, malformed or unknown token with 401 update_token_invalid, for latest.yml and artifacts', async () => {
    for (const url of [`${FEED()}/latest.yml`, ARTIFACT()]) {
      for (const init of [
        {},
        withToken('nope'),
        { headers: { authorization: updateToken } },
        withToken(`${updateToken}x`),
        { headers: { authorization: `Basic ${updateToken}` } },
      ]) {
        const r = await fetch(url, init);
        expect(r.status).toBe(401);
        expect(await errorCode(r)).toBe('update_token_invalid');
      }
    }
    // A session token is not an update token.
    expect((await fetch(`${FEED()}/latest.yml`, withToken(adminSession))).status).toBe(401);
  });

  it('latest.yml is the newest release in the generic-provider format', async () => {
    const res = await fetch(`${FEED()}/latest.yml`, withToken(updateToken));
    expect(res.status).toBe(200);
    const info = loadYaml(await res.text()) as Record<string, unknown>;
    expect(info).toMatchObject({
      version: '1.1.0',
      files: [{ url: '1.1.0/Console%20Setup%201.1.0.exe', sha512: build.sha512, size: 1_000_003 }],
      path: '1.1.0/Console%20Setup%201.1.0.exe',
      sha512: build.sha512,
    });
    expect(Date.parse(String(info.releaseDate))).not.toBeNaN();
    expect((await fetch(`${FEED()}/latest-linux.yml`, withToken(updateToken))).status).toBe(200);
    expect((await fetch(`${FEED()}/other.yml`, withToken(updateToken))).status).toBe(404);
    const none = await fetch(`${app.url}/api/console/updates/mac/latest.yml`, withToken(updateToken));
    expect([none.status, await errorCode(none)]).toEqual([404, 'download_unavailable']);
    expect((await fetch(`${app.url}/api/console/updates/beos/latest.yml`, withToken(updateToken))).status).toBe(400);
  });

  it('streams the artifact whole, by Range, and honours If-None-Match and If-Range', async () => {
    const full = await fetch(ARTIFACT(), withToken(updateToken));
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    const etag = full.headers.get('etag')!;
    const body = Buffer.from(await full.arrayBuffer());
    expect(crypto.createHash('sha512').update(body).digest('base64')).toBe(build.sha512);

    const part = await fetch(ARTIFACT(), withToken(updateToken, { range: 'bytes=500000-' }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 500000-1000002/1000003');
    expect(Buffer.from(await part.arrayBuffer()).equals(build.bytes.subarray(500_000))).toBe(true);

    const mid = await fetch(ARTIFACT(), withToken(updateToken, { range: 'bytes=10-19', 'if-range': etag }));
    expect([mid.status, Buffer.from(await mid.arrayBuffer()).equals(build.bytes.subarray(10, 20))]).toEqual([
      206,
      true,
    ]);
    const suffix = await fetch(ARTIFACT(), withToken(updateToken, { range: 'bytes=-3' }));
    expect(Buffer.from(await suffix.arrayBuffer()).equals(build.bytes.subarray(-3))).toBe(true);

    const stale = await fetch(ARTIFACT(), withToken(updateToken, { range: 'bytes=10-19', 'if-range': '"old"' }));
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
    const notModified = await fetch(ARTIFACT(), withToken(updateToken, { 'if-none-match': etag }));
    expect(notModified.status).toBe(304);

    const beyond = await fetch(ARTIFACT(), withToken(updateToken, { range: 'bytes=2000000-' }));
    expect([beyond.status, beyond.headers.get('content-range'), await errorCode(beyond)]).toEqual([
      416,
      'bytes */1000003',
      'range_not_satisfiable',
    ]);
  });

  it('clients that hang up mid-download do not hurt the server', async () => {
    for (let i = 0; i < 20; i++) {
      const ac = new AbortController();
      const res = await fetch(ARTIFACT(), { ...withToken(updateToken), signal: ac.signal });
      const reader = res.body!.getReader();
      await reader.read();
      ac.abort();
    }
    const whole = await fetch(ARTIFACT(), withToken(updateToken));
    expect(
      crypto
        .createHash('sha512')
        .update(Buffer.from(await whole.arrayBuffer()))
        .digest('base64'),
    ).toBe(build.sha512);
    const head = await fetch(ARTIFACT(), { method: 'HEAD', ...withToken(updateToken) });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, '1000003']);
  });

  it('unknown versions, names and path tricks are 404 without touching the file system outside the release', async () => {
    for (const p of [
      '1.0.0/Console%20Setup%201.1.0.exe',
      '1.1.0/other.exe',
      '1.1.0/..%2F..%2Fappliance.sqlite',
      '..%2F1.1.0/Console%20Setup%201.1.0.exe',
    ]) {
      const r = await fetch(`${FEED()}/${p}`, withToken(updateToken));
      expect(r.status, p).toBe(404);
    }
  });

  it('a release whose file disappeared is 404 download_unavailable, not a 500', async () => {
    const b = makeBuild('gone.AppImage', 10);
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'linux', file: b.file });
    fs.rmSync(path.join(app.dataDir, 'console-releases', 'linux', '1.1.0', 'gone.AppImage'));
    const r = await fetch(`${app.url}/api/console/updates/linux/1.1.0/gone.AppImage`, withToken(updateToken));
    expect([r.status, await errorCode(r)]).toEqual([404, 'download_unavailable']);
    expect((await fetch(`${app.url}/api/site`)).status).toBe(200);
  });
});
