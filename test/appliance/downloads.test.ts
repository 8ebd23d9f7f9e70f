/**
 * My Account's downloads on a real appliance over HTTP: the catalog (every kind the seed names),
 * unavailable items with their reason, `npm run appliance -- add-download`, streaming with Range,
 * If-Range and ETag, anonymous access refused, ids that try to be paths refused.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, tempDir, type TestAppliance } from '../support/appliance.js';
import { cliEnv } from '../support/test-database.js';
import { createTechnician, makeBuild, TECH } from '../support/console-updates.js';
import { call, loginWeb, webHeaders, type WebSession } from '../support/api-client.js';
import { commands } from '../../src-appliance/cli/commands.js';
import { publishSigned } from '../support/release-key.js';
import { type DownloadItem } from '../../src-shared/api/downloads.js';

let app: TestAppliance;
let web: WebSession;
let msi: { file: string; bytes: Buffer };

const list = async (): Promise<DownloadItem[]> => {
  const res = await call(app, 'GET', '/api/downloads', { headers: webHeaders(web, false) });
  expect(res.status).toBe(200);
  return res.body.items;
};
const byId = async (id: string) => (await list()).find((i) => i.id === id)!;
const get = (id: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/downloads/${id}`, { headers: { ...webHeaders(web, false), ...headers } });

beforeAll(async () => {
  app = await startTestAppliance();
  await createTechnician(app);
  web = await loginWeb(app, TECH.username, TECH.password);
  msi = makeBuild('support-console-1.0.0-win-x64.msi', 300_000);
});
afterAll(async () => app?.close());

describe('GET /api/downloads', () => {
  it('lists every kind the seed names, all unavailable with the reason on a fresh appliance', async () => {
    const items = await list();
    const pick = (kind: string) => items.filter((i) => i.kind === kind);
    const consoles = pick('console').map((i) => `${i.platform}/${i.format}`);
    expect(consoles).toEqual(['windows/exe', 'windows/msi', 'macos/dmg', 'linux/appimage', 'linux/deb']);
    expect(pick('display_driver')).toHaveLength(1);
    expect(pick('display_driver')[0]!.note).toBe(
      'Not provided on this appliance yet (an administrator adds it with: npm run appliance -- add-download --id display-driver-windows --file <display-driver.exe>).',
    );
    const cards = pick('virtual_smart_card').map((i) => `${i.audience}/${i.arch}`);
    expect(cards).toEqual([
      'representative/x86',
      'representative/x64',
      'representative/arm64',
      'endpoint/x86',
      'endpoint/x64',
      'endpoint/arm64',
    ]);
    expect(pick('elevation_service').map((i) => i.id)).toEqual([
      'elevation-service-x86',
      'elevation-service-x64',
      'elevation-service.reg',
    ]);
    for (const i of items.filter((x) => x.id !== 'elevation-service.reg')) {
      expect(i).toMatchObject({ available: false, size: null, sha256: null, url: `/api/downloads/${i.id}` });
      expect(i.note).toMatch(/add-download --id /);
    }
    // The registry file is generated, so always there.
    expect(items.find((i) => i.id === 'elevation-service.reg')).toMatchObject({ available: true, format: 'reg' });
    // An unavailable file answers 404 download_unavailable with the same reason.
    const res = await call(app, 'GET', '/api/downloads/display-driver-windows', { headers: webHeaders(web, false) });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('download_unavailable');
  });

  it('refuses anonymous callers, for the list, a file and the registry file', async () => {
    for (const p of [
      '/api/downloads',
      '/api/downloads/console-windows-x64-msi',
      '/api/downloads/elevation-service.reg',
    ]) {
      const res = await call(app, 'GET', p);
      expect([p, res.status, res.body.error.code]).toEqual([p, 401, 'unauthenticated']);
    }
  });
});

describe('npm run appliance -- add-download', () => {
  it('registers a file from the command line: copied under downloads/<id>/, listed with size and sha256', async () => {
    // Spawned asynchronously: a synchronous spawn would stall the in-process appliance's event
    // loop for as long as the command runs, and its idle timeouts would then cut this file's
    // kept-alive connections. A non-zero exit rejects with the command's stderr.
    await promisify(execFile)(
      'npm',
      ['run', '--silent', 'appliance', '--', 'add-download', '--id', 'console-windows-x64-msi', '--file', msi.file],
      {
        env: { ...cliEnv(app), APPLIANCE_LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 150_000,
      },
    );
    const stored = path.join(app.dataDir, 'downloads', 'console-windows-x64-msi', 'support-console-1.0.0-win-x64.msi');
    expect(fs.readFileSync(stored).equals(msi.bytes)).toBe(true);
  }, 180_000); // the command compiles the appliance's TypeScript on start: slow on a busy machine

  it('the list shows it as available with its real size and hash', async () => {
    expect(await byId('console-windows-x64-msi')).toMatchObject({
      available: true,
      file_name: 'support-console-1.0.0-win-x64.msi',
      size: msi.bytes.length,
      sha256: crypto.createHash('sha256').update(msi.bytes).digest('hex'),
    });
  });

  it('refuses unknown ids, the wrong file type and unusable names (exit 1), missing arguments (exit 2)', async () => {
    const run = (args: string[]) => commands['add-download']!.run(app.config, args);
    const driver = makeBuild('display-driver.exe', 10);
    expect(await run(['--id', 'no-such-thing', '--file', driver.file])).toBe(1);
    expect(await run(['--id', 'elevation-service.reg', '--file', driver.file])).toBe(1);
    expect(await run(['--id', 'console-linux-x64-deb', '--file', driver.file])).toBe(1);
    expect(await run(['--id', 'display-driver-windows', '--file', path.join(tempDir(), 'missing.exe')])).toBe(1);
    expect(await run(['--id', 'display-driver-windows'])).toBe(2);
    expect((await byId('display-driver-windows')).available).toBe(false);
    expect(await run(['--id', 'display-driver-windows', '--file', driver.file])).toBe(0);
    expect((await byId('display-driver-windows')).available).toBe(true);
  });

  it('a registered file that disappeared from the data directory is unavailable, with the reason', async () => {
    const card = makeBuild('virtual-smart-card-endpoint-arm64.msi', 100);
    expect(
      await commands['add-download']!.run(app.config, [
        '--id',
        'virtual-smart-card-endpoint-arm64',
        '--file',
        card.file,
      ]),
    ).toBe(0);
    fs.rmSync(
      path.join(app.dataDir, 'downloads', 'virtual-smart-card-endpoint-arm64', 'virtual-smart-card-endpoint-arm64.msi'),
    );
    const item = await byId('virtual-smart-card-endpoint-arm64');
    expect(item.available).toBe(false);
    expect(item.note).toMatch(/missing or changed in the data directory/);
  });
});

describe('GET /api/downloads/{id}', () => {
  it('streams the whole file with an ETag, and 304 for If-None-Match', async () => {
    const res = await get('console-windows-x64-msi');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-msi');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="support-console-1.0.0-win-x64.msi"');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer()).equals(msi.bytes)).toBe(true);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await get('console-windows-x64-msi', { 'if-none-match': etag })).status).toBe(304);
  });

  it('resumes a cut download with Range + If-Range, and refuses a range past the end (416)', async () => {
    const half = 150_000;
    const first = Buffer.from(
      await (await get('console-windows-x64-msi', { range: `bytes=0-${half - 1}` })).arrayBuffer(),
    );
    const etag = (await get('console-windows-x64-msi', { range: 'bytes=0-0' })).headers.get('etag')!;
    const rest = await get('console-windows-x64-msi', { range: `bytes=${half}-`, 'if-range': etag });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${half}-${msi.bytes.length - 1}/${msi.bytes.length}`);
    expect(Buffer.concat([first, Buffer.from(await rest.arrayBuffer())]).equals(msi.bytes)).toBe(true);
    // If the file changed since (another ETag), the whole file comes back, not a mismatched tail.
    expect((await get('console-windows-x64-msi', { range: `bytes=${half}-`, 'if-range': '"stale"' })).status).toBe(200);
    const past = await get('console-windows-x64-msi', { range: `bytes=${msi.bytes.length + 10}-` });
    expect(past.status).toBe(416);
    expect(((await past.json()) as { error: { code: string } }).error.code).toBe('range_not_satisfiable');
  });

  it('refuses ids that are paths or unknown, without reading anything outside the catalog', async () => {
    fs.writeFileSync(path.join(app.dataDir, 'downloads', 'secret.txt'), 'not for download');
    const attempts = [
      '..%2F..%2Fappliance.sqlite',
      '..%2Fsecret.txt',
      '%2e%2e',
      'console-windows-x64-msi%2F..%2F..%2Fsecret.txt',
      'console-windows-x64-msi%00',
      '..%5C..%5Cappliance.sqlite',
      'CONSOLE-WINDOWS-X64-MSI',
      'secret.txt',
    ];
    for (const id of attempts) {
      const res = await get(id);
      const text = await res.text();
      expect([id, res.status >= 400 && res.status < 500]).toEqual([id, true]);
      expect(text).not.toContain('not for download');
      expect(text).not.toContain('SQLite format');
      expect(JSON.parse(text).error.code).toMatch(/^(validation_failed|not_found|bad_request)$/);
    }
    // The raw ../ form is normalised away by the URL parser and never reaches a download route.
    const raw = await fetch(`${app.url}/api/downloads/../downloads/secret.txt`, { headers: webHeaders(web, false) });
    expect(await raw.text()).not.toContain('not for download');
  });

  it("serves the console's published release for the Windows EXE entry (the site's current console)", async () => {
    const build = makeBuild('support-console-1.1.0-win-x64.exe', 5_000);
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: build.file });
    expect(await byId('console-windows-x64-exe')).toMatchObject({
      available: true,
      file_name: 'support-console-1.1.0-win-x64.exe',
      size: 5_000,
      sha256: crypto.createHash('sha256').update(build.bytes).digest('hex'),
    });
    const res = await get('console-windows-x64-exe', { range: 'bytes=-100' });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(build.bytes.subarray(-100))).toBe(true);
  });
});
