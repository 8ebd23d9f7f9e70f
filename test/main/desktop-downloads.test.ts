/**
 * My Account's downloads in the desktop console, against the REAL appliance: the renderer asks
 * through the bridge, main fetches with the session token (which never reaches the renderer) and
 * saves into the Downloads folder. Names from the appliance are reduced to plain names, nothing is
 * overwritten, and a refused, cut or unwritable download leaves no file behind.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { expectApiError } from '../support/expect-api-error.js';
import { createTechnician, makeBuild, TECH } from '../support/console-updates.js';
import { commands } from '../../src-appliance/cli/commands.js';
import { fileNameFrom } from '../../src-main/downloads/download-saver.js';
import { CuttingProxy } from './support/cutting-proxy.js';
import { startDesktop } from './support/desktop-harness.js';

const MSI_ID = 'console-windows-x64-msi';
let app: TestAppliance;
let proxy: CuttingProxy;
let msi: { file: string; bytes: Buffer };
const desktops: { cleanup(): void; unregister(): void }[] = [];

beforeAll(async () => {
  app = await startTestAppliance();
  await createTechnician(app);
  msi = makeBuild('support-console-1.0.0-win-x64.msi', 600_000);
  expect(await commands['add-download']!.run(app.config, ['--id', MSI_ID, '--file', msi.file])).toBe(0);
  proxy = new CuttingProxy(Number(new URL(app.url).port));
  await proxy.start();
});
afterEach(() => {
  for (const d of desktops.splice(0)) {
    d.unregister();
    d.cleanup();
  }
});
afterAll(async () => {
  await proxy?.close();
  await app?.close();
});

async function loggedIn(siteUrl = app.url) {
  const d = await startDesktop(siteUrl);
  desktops.push(d);
  await d.host.login({ username: TECH.username, password: TECH.password });
  return d;
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('saveDownload in the desktop console', () => {
  it('saves the file with its own name in Downloads; the bytes match the listed SHA-256; the token stays in main', async () => {
    const d = await loggedIn();
    const item = (await d.host.listDownloads()).find((i) => i.id === MSI_ID)!;
    const saved = await d.host.saveDownload(MSI_ID);
    expect(saved.saved_to).toBe(path.join(d.downloadsDir, 'support-console-1.0.0-win-x64.msi'));
    expect(sha256(saved.saved_to!)).toBe(item.sha256);
    expect(fs.readFileSync(saved.saved_to!).equals(msi.bytes)).toBe(true);
    const token = d.session.token()!;
    expect(token).toBeTruthy();
    expect(d.seenByRenderer.join('\n')).not.toContain(token);
  });

  it('never overwrites: the second and third saves get "name (1)" and "name (2)"', async () => {
    const d = await loggedIn();
    const paths = [];
    for (let i = 0; i < 3; i++) paths.push((await d.host.saveDownload(MSI_ID)).saved_to);
    expect(paths.map((p) => path.basename(p!))).toEqual([
      'support-console-1.0.0-win-x64.msi',
      'support-console-1.0.0-win-x64 (1).msi',
      'support-console-1.0.0-win-x64 (2).msi',
    ]);
    expect(filesIn(d.downloadsDir)).toHaveLength(3);
  });

  it('saves the generated registry file (UTF-16LE with BOM) under its name', async () => {
    const d = await loggedIn();
    const saved = await d.host.saveDownload('elevation-service.reg');
    expect(path.basename(saved.saved_to!)).toBe('elevation-service.reg');
    expect([...fs.readFileSync(saved.saved_to!).subarray(0, 2)]).toEqual([0xff, 0xfe]);
  });

  it("refuses an item the appliance does not have with the appliance's code, and writes nothing", async () => {
    const d = await loggedIn();
    await expectApiError(d.host.saveDownload('display-driver-windows'), 'download_unavailable', 404);
    expect(filesIn(d.downloadsDir)).toEqual([]);
  });

  it('refuses ids that are paths before any HTTP request', async () => {
    const d = await loggedIn();
    let requests = 0;
    const count = () => requests++;
    app.app.server.on('request', count);
    try {
      for (const id of ['../../etc/passwd', 'console-windows-x64-msi/../x', 'C:\\x', '', 'a'.repeat(81)]) {
        await expectApiError(d.host.saveDownload(id), 'ipc_invalid_arguments');
      }
    } finally {
      app.app.server.off('request', count);
    }
    expect(requests).toBe(0);
    expect(filesIn(d.downloadsDir)).toEqual([]);
  });

  it('without a session: unauthenticated, nothing written', async () => {
    const d = await startDesktop(app.url);
    desktops.push(d);
    await expectApiError(d.host.saveDownload(MSI_ID), 'unauthenticated');
    expect(filesIn(d.downloadsDir)).toEqual([]);
  });

  it('a connection cut mid-file is a network error and leaves neither the file nor a .part', async () => {
    const d = await loggedIn(proxy.url);
    proxy.cutNext = { match: `/api/downloads/${MSI_ID}`, afterBytes: 200_000 };
    await expectApiError(d.host.saveDownload(MSI_ID), 'network_error');
    expect(filesIn(d.downloadsDir)).toEqual([]);
    // The next try works.
    expect(sha256((await d.host.saveDownload(MSI_ID)).saved_to!)).toBe(
      crypto.createHash('sha256').update(msi.bytes).digest('hex'),
    );
  });

  it('an unwritable Downloads folder is download_write_failed, not a crash', async () => {
    const d = await loggedIn();
    fs.writeFileSync(d.downloadsDir, 'a file where the folder should be');
    const err = await expectApiError(d.host.saveDownload(MSI_ID), 'download_write_failed');
    expect(err.message).toContain(d.downloadsDir);
  });
});

describe('fileNameFrom (names from Content-Disposition)', () => {
  it.each([
    ['attachment; filename="console.msi"', 'console.msi'],
    [`attachment; filename*=UTF-8''Konsole%20f%C3%BCr%20Techniker.msi`, 'Konsole für Techniker.msi'],
    ['attachment; filename="../../.bashrc"', 'bashrc'],
    ['attachment; filename="C:\\Windows\\evil.exe"', 'evil.exe'],
    ['attachment; filename="a<b>c|d?.exe"', 'a_b_c_d_.exe'],
    ['attachment; filename="  . "', 'fallback.bin'],
    [`attachment; filename*=UTF-8''%E0%A4%A; filename="plain.msi"`, 'plain.msi'],
    [null, 'fallback.bin'],
  ])('%s → %s', (header, expected) => {
    expect(fileNameFrom(header, 'fallback.bin')).toBe(expected);
  });
});
