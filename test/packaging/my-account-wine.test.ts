/**
 * My Account's downloads used the way a Windows technician uses them, under wine: the MSI built by
 * dist:msi is registered with add-download, downloaded from the appliance (cut and resumed with
 * Range), installed with the page's command; the elevation service's registry file is imported with
 * regedit and the site hash lands in the registry.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { createTechnician, TECH } from '../support/console-updates.js';
import { loginWeb, webHeaders, type WebSession } from '../support/api-client.js';
import { commands } from '../../src-appliance/cli/commands.js';
import { currentSiteHash } from '../../src-appliance/downloads/site-hash.js';
import { buildMsiCommand } from '../../src-shared/msi-command.js';
import { parseInstallIni, resolveInstallOptions } from '../../src-shared/install-options.js';
import { APP_EXE, buildTestMsi } from './msi-fixture.js';
import { createWinePrefix, winePathOf, type WinePrefix } from './wine.js';

let app: TestAppliance;
let web: WebSession;
let wine: WinePrefix;
let work: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'my-account-wine-'));
  app = await startTestAppliance();
  await createTechnician(app);
  web = await loginWeb(app, TECH.username, TECH.password);
  wine = createWinePrefix();
  console.log(`wine prefix: ${wine.origin}`);
});
afterAll(async () => {
  wine?.dispose();
  await app?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const download = (id: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/downloads/${id}`, { headers: { ...webHeaders(web, false), ...headers } });

describe('My Account downloads under wine', () => {
  it('the MSI registered with add-download, downloaded in two parts, installs with the page command', async () => {
    const built = buildTestMsi('2.0.0', path.join(work, 'build'));
    expect(await commands['add-download']!.run(app.config, ['--id', 'console-windows-x64-msi', '--file', built])).toBe(
      0,
    );

    const size = fs.statSync(built).size;
    const first = await download('console-windows-x64-msi', { range: `bytes=0-${Math.floor(size / 2) - 1}` });
    expect(first.status).toBe(206);
    const etag = first.headers.get('etag')!;
    const rest = await download('console-windows-x64-msi', {
      range: `bytes=${Math.floor(size / 2)}-`,
      'if-range': etag,
    });
    expect(rest.status).toBe(206);
    const fileName = 'support-console-2.0.0-win-x64.msi';
    const downloaded = path.join(work, fileName);
    fs.writeFileSync(
      downloaded,
      Buffer.concat([Buffer.from(await first.arrayBuffer()), Buffer.from(await rest.arrayBuffer())]),
    );
    expect(fs.readFileSync(downloaded).equals(fs.readFileSync(built))).toBe(true);

    const command = buildMsiCommand({
      fileName,
      siteUrl: app.url,
      installDir: 'C:\\Support Console\\',
      shouldAutoUpdate: true,
      quiet: true,
    });
    const bat = path.join(work, 'install.bat');
    fs.writeFileSync(
      bat,
      ['@echo off', `cd /d "${winePathOf(work)}"`, command, 'exit /b %ERRORLEVEL%', ''].join('\r\n'),
    );
    expect(wine.run(['cmd', '/c', winePathOf(bat)]).status).toBe(0);

    const dir = wine.hostPath('C:\\Support Console\\');
    expect(fs.readFileSync(path.join(dir, APP_EXE), 'utf8')).toBe('console executable 2.0.0');
    const ini = parseInstallIni(fs.readFileSync(path.join(dir, 'install-config.ini'), 'utf8'));
    expect(resolveInstallOptions({ argv: ['console.exe'], ini })).toMatchObject({
      siteUrl: app.url,
      autoUpdate: true,
      allUsers: false,
    });
  });

  it('regedit imports the elevation service registry file and the site hash is in the registry', async () => {
    const res = await download('elevation-service.reg');
    expect(res.status).toBe(200);
    const file = path.join(work, 'elevation-service.reg');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(wine.run(['regedit', '/S', winePathOf(file)]).status).toBe(0);
    const key = 'HKLM\\SOFTWARE\\Support Console Project\\Elevation Service';
    const { hash, softwareVersion } = await currentSiteHash(app.ctx);
    expect(wine.regValue(key, 'SiteHash')).toBe(hash);
    expect(wine.regValue(key, 'SoftwareVersion')).toBe(softwareVersion);
    expect(wine.regValue(key, 'SiteUrl')).toBe(app.url);
  });
});
