/**
 * Real installs of the MSI under wine (one fresh 64-bit prefix for the file): the command exactly
 * as My Account shows it (buildMsiCommand) run from a batch file in the MSI's folder, files in
 * INSTALLDIR, install-config.ini read back by the console's install-mode resolver, per-user vs
 * per-machine scope, msiexec /x, and a major upgrade.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMsiCommand, type MsiCommandOptions } from '../../src-shared/msi-command.js';
import { INSTALL_INI_FILE, parseInstallIni, resolveInstallOptions } from '../../src-shared/install-options.js';
import { MANUFACTURER, PRODUCT_NAME } from '../../build/msi/msi-builder.js';
import { APP_EXE, buildTestMsi } from './msi-fixture.js';
import { createWinePrefix, winePathOf, type WinePrefix } from './wine.js';

const SITE = 'https://support.example.com';
const BOOKKEEPING = `Software\\${MANUFACTURER}\\${PRODUCT_NAME}`;
let wine: WinePrefix;
let out: string;
let msi1: string;
let msi2: string;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'msi-wine-'));
  msi1 = buildTestMsi('1.4.0', out);
  msi2 = buildTestMsi('1.5.0', out);
  wine = createWinePrefix();
  console.log(`wine prefix: ${wine.origin}`);
});
afterAll(() => {
  wine?.dispose();
  fs.rmSync(out, { recursive: true, force: true });
});

/** Runs the page's command from a batch file in the MSI's folder, as the seed tells IT to. */
function runPageCommand(
  o: Omit<MsiCommandOptions, 'fileName' | 'siteUrl'>,
  msi = msi1,
  extraProperties: string[] = [],
): number | null {
  const command = [
    buildMsiCommand({ fileName: path.basename(msi), siteUrl: SITE, quiet: true, ...o }),
    ...extraProperties,
  ].join(' ');
  const bat = path.join(out, 'install.bat');
  fs.writeFileSync(bat, ['@echo off', `cd /d "${winePathOf(out)}"`, command, 'exit /b %ERRORLEVEL%', ''].join('\r\n'));
  return wine.run(['cmd', '/c', winePathOf(bat)]).status;
}

function uninstall(msi = msi1): number | null {
  return wine.run(['msiexec', '/x', winePathOf(msi), '/quiet']).status;
}

function readResolvedOptions(installDirWin: string) {
  const iniText = fs.readFileSync(path.join(wine.hostPath(installDirWin), INSTALL_INI_FILE), 'utf8');
  const ini = parseInstallIni(iniText);
  return { ini, options: resolveInstallOptions({ argv: [`${installDirWin}${APP_EXE}`], ini }) };
}

function installedProducts(): string[] {
  const r = wine.run(['reg', 'query', 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall', '/s']);
  const versions: string[] = [];
  let inOurs = false;
  for (const line of r.stdout.split(/\r?\n/)) {
    if (line.startsWith('HKEY_')) inOurs = false;
    if (/^\s+DisplayName\s+REG_SZ\s+Support Technician Console$/.test(line)) inOurs = true;
    const v = /^\s+DisplayVersion\s+REG_SZ\s+(\S+)$/.exec(line);
    if (v && inOurs) versions.push(v[1]!);
  }
  return versions;
}

describe('MSI under wine', () => {
  it('per user: INSTALLDIR, RUNATSTARTUP=1, SHOULDAUTOUPDATE=1 land in the folder and in install-config.ini', () => {
    const dir = 'C:\\Some Folder\\';
    expect(runPageCommand({ installDir: dir, runAtStartup: true, shouldAutoUpdate: true })).toBe(0);
    const host = wine.hostPath(dir);
    expect(fs.readFileSync(path.join(host, APP_EXE), 'utf8')).toBe('console executable 1.4.0');
    expect(fs.existsSync(path.join(host, 'resources', 'app.asar'))).toBe(true);

    const { ini, options } = readResolvedOptions(dir);
    expect(ini).toEqual({
      INSTALLDIR: dir,
      RUNATSTARTUP: '1',
      ALLUSERS: '',
      SHOULDAUTOUPDATE: '1',
      SITEURL: SITE,
      RELEASEKEY: '',
    });
    expect(options).toMatchObject({
      installDir: dir,
      runAtStartup: true,
      allUsers: false,
      autoUpdateRequested: true,
      autoUpdate: true,
      siteUrl: SITE,
      releaseKeys: null, // no RELEASEKEY: the built-in publisher keys
      problems: [],
    });

    // Per-user scope: bookkeeping in HKCU, nothing in HKLM.
    expect(wine.regValue(`HKCU\\${BOOKKEEPING}`, 'InstallDir')).toBe(dir);
    expect(wine.regKeyExists(`HKLM\\${BOOKKEEPING}`)).toBe(false);

    expect(uninstall()).toBe(0);
    expect(fs.existsSync(host)).toBe(false);
    expect(wine.regKeyExists(`HKCU\\${BOOKKEEPING}`)).toBe(false);
    expect(installedProducts()).toEqual([]);
  });

  it('per machine: the same with ALLUSERS=1, and the seed rule turns automatic update off', () => {
    const dir = 'C:\\Some Folder\\';
    expect(runPageCommand({ installDir: dir, runAtStartup: true, allUsers: true, shouldAutoUpdate: true })).toBe(0);
    expect(fs.existsSync(path.join(wine.hostPath(dir), APP_EXE))).toBe(true);
    const { ini, options } = readResolvedOptions(dir);
    expect(ini).toEqual({
      INSTALLDIR: dir,
      RUNATSTARTUP: '1',
      ALLUSERS: '1',
      SHOULDAUTOUPDATE: '1',
      SITEURL: SITE,
      RELEASEKEY: '',
    });
    expect(options).toMatchObject({
      installDir: dir,
      runAtStartup: true,
      allUsers: true,
      autoUpdateRequested: true,
      autoUpdate: false,
      siteUrl: SITE,
    });
    expect(wine.regValue(`HKLM\\${BOOKKEEPING}`, 'InstallDir')).toBe(dir);
    expect(wine.regKeyExists(`HKCU\\${BOOKKEEPING}`)).toBe(false);

    expect(uninstall()).toBe(0);
    expect(fs.existsSync(wine.hostPath(dir))).toBe(false);
    expect(wine.regKeyExists(`HKLM\\${BOOKKEEPING}`)).toBe(false);
  });

  it("without options installs per user under %LOCALAPPDATA%\\Programs with the seed's defaults", () => {
    expect(runPageCommand({})).toBe(0);
    const dir = `${wine.expand('LOCALAPPDATA')}\\Programs\\${PRODUCT_NAME}\\`;
    const { ini, options } = readResolvedOptions(dir);
    expect(ini).toEqual({
      INSTALLDIR: dir,
      RUNATSTARTUP: '0',
      ALLUSERS: '',
      SHOULDAUTOUPDATE: '0',
      SITEURL: SITE,
      RELEASEKEY: '',
    });
    expect(options).toMatchObject({ runAtStartup: false, allUsers: false, autoUpdate: false, siteUrl: SITE });
    expect(uninstall()).toBe(0);
    expect(fs.existsSync(wine.hostPath(dir))).toBe(false);
  });

  it('ALLUSERS=1 without INSTALLDIR goes to Program Files', () => {
    expect(runPageCommand({ allUsers: true })).toBe(0);
    const dir = `C:\\Program Files\\${PRODUCT_NAME}\\`;
    expect(readResolvedOptions(dir).options).toMatchObject({ installDir: dir, allUsers: true });
    expect(uninstall()).toBe(0);
    expect(fs.existsSync(wine.hostPath(dir))).toBe(false);
  });

  it('a newer MSI replaces the older one in the same folder (major upgrade)', () => {
    const dir = 'C:\\Upgrade Test\\';
    expect(runPageCommand({ installDir: dir }, msi1)).toBe(0);
    expect(installedProducts()).toEqual(['1.4.0']);
    // The newer MSI without INSTALLDIR: it finds the folder of the installed one.
    expect(runPageCommand({}, msi2)).toBe(0);
    expect(installedProducts()).toEqual(['1.5.0']);
    expect(fs.readFileSync(path.join(wine.hostPath(dir), APP_EXE), 'utf8')).toBe('console executable 1.5.0');
    expect(readResolvedOptions(dir).ini.INSTALLDIR).toBe(dir);
    expect(uninstall(msi2)).toBe(0);
    expect(fs.existsSync(wine.hostPath(dir))).toBe(false);
    expect(installedProducts()).toEqual([]);
  });

  it("RELEASEKEY on the command line: IT's release keys land in install-config.ini and the console pins them", () => {
    const dir = 'C:\\Pinned Keys\\';
    const keys = [
      'ed25519:1-riQM9NJnxnF1tc24roF59lZW8Hi5_DhyfGtnTzELU',
      'ed25519:rWe0bn-b1HwuXGILDcJRx9lHTtTNYuCrR-LcztbLgkU',
    ];
    expect(runPageCommand({ installDir: dir }, msi1, [`RELEASEKEY="${keys.join(',')}"`])).toBe(0);
    const { ini, options } = readResolvedOptions(dir);
    expect(ini.RELEASEKEY).toBe(keys.join(','));
    expect(options).toMatchObject({ releaseKeys: keys, problems: [] });
    expect(uninstall()).toBe(0);
    expect(fs.existsSync(wine.hostPath(dir))).toBe(false);
  });

  it('a failed install reports through the exit code (no MSI at that name)', () => {
    expect(runPageCommand({}, path.join(out, 'missing.msi'))).not.toBe(0);
  });
});
