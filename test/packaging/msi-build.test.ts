/**
 * The MSI as built by `npm run dist:msi` from a test folder, read back with msitools' msiinfo:
 * public properties and their defaults, SecureCustomProperties, the install configuration
 * (install-config.ini rows), per-user vs per-machine scope, version and upgrade code.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_INI_FILE, INSTALL_INI_KEYS, INSTALL_INI_SECTION } from '../../src-shared/install-options.js';
import { UPGRADE_CODE } from '../../build/msi/msi-builder.js';
import { addFile, APP_EXE, buildTestMsi, makeAppFolder, msiProperties, msiTable, runDistMsi } from './msi-fixture.js';

const PUBLIC = ['INSTALLDIR', 'RUNATSTARTUP', 'ALLUSERS', 'SHOULDAUTOUPDATE', 'SITEURL', 'RELEASEKEY'];
const IT_KEY = 'ed25519:1-riQM9NJnxnF1tc24roF59lZW8Hi5_DhyfGtnTzELU';
let out: string;
let v1: string;
let v2: string;
let baked: string;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'msi-out-'));
  v1 = buildTestMsi('1.4.0', out);
  v2 = buildTestMsi('1.5.2', out);
  baked = buildTestMsi('1.5.3', path.join(out, 'baked'), [
    '--site-url',
    'https://support.example.com',
    '--release-key',
    IT_KEY,
  ]);
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('MSI built by npm run dist:msi', () => {
  it('is named after version and arch and carries the ProductVersion', () => {
    expect(path.basename(v1)).toBe('support-console-1.4.0-win-x64.msi');
    expect(msiProperties(v1).get('ProductVersion')).toBe('1.4.0');
    expect(msiProperties(v2).get('ProductVersion')).toBe('1.5.2');
    expect(execFileSync('msiinfo', ['suminfo', v1], { encoding: 'utf8' })).toMatch(/Template: x64;1033/);
  });

  it("has each public property with the seed's default", () => {
    const props = msiProperties(v1);
    expect(props.get('RUNATSTARTUP')).toBe('0');
    expect(props.get('SHOULDAUTOUPDATE')).toBe('0');
    // ALLUSERS "" (per user) and no baked site: an MSI property row cannot be empty, so absent.
    expect(props.has('ALLUSERS')).toBe(false);
    expect(props.has('SITEURL')).toBe(false);
    expect(msiProperties(baked).get('SITEURL')).toBe('https://support.example.com');
    // No RELEASEKEY: the console pins its built-in publisher keys; a build can bake IT's.
    expect(props.has('RELEASEKEY')).toBe(false);
    expect(msiProperties(baked).get('RELEASEKEY')).toBe(IT_KEY);
    // INSTALLDIR's default is the directory row: %LOCALAPPDATA%\Programs\<product> (per user).
    const dirs = new Map(msiTable(v1, 'Directory').map(([id, parent, name]) => [id!, { parent, name }]));
    expect(dirs.get('INSTALLDIR')).toEqual({ parent: 'UserProgramsFolder', name: 'Support Technician Console' });
    expect(dirs.get('UserProgramsFolder')).toEqual({ parent: 'LocalAppDataFolder', name: 'Programs' });
  });

  it('lists every public property in SecureCustomProperties (kept from wixl: the upgrade properties)', () => {
    const secure = msiProperties(v1).get('SecureCustomProperties')!.split(';');
    expect(secure).toEqual(expect.arrayContaining([...PUBLIC, 'WIX_UPGRADE_DETECTED', 'WIX_DOWNGRADE_DETECTED']));
  });

  it('writes the install configuration: install-config.ini [Install] with [PROPERTY] values', () => {
    const rows = msiTable(v1, 'IniFile').map(([, file, dir, section, key, value, action, component]) => ({
      file,
      dir,
      section,
      key,
      value,
      action,
      component,
    }));
    expect(rows.map((r) => r.key)).toEqual([...INSTALL_INI_KEYS]);
    for (const r of rows) {
      expect(r).toEqual({
        file: INSTALL_INI_FILE,
        dir: 'INSTALLDIR',
        section: INSTALL_INI_SECTION,
        key: r.key,
        value: `[${r.key}]`,
        action: '0',
        component: 'InstallConfig',
      });
    }
    const sequence = new Map(msiTable(v1, 'InstallExecuteSequence').map(([a, , s]) => [a!, Number(s)]));
    expect(sequence.get('WriteIniValues')).toBeGreaterThan(sequence.get('InstallFiles')!);
    expect(sequence.get('RemoveIniValues')).toBeLessThan(sequence.get('RemoveFiles')!);
    expect(msiTable(v1, 'RemoveFile')).toContainEqual([
      'RemoveInstallIni',
      'InstallConfig',
      INSTALL_INI_FILE,
      'INSTALLDIR',
      '2',
    ]);
  });

  it('installs per user by default and per machine with ALLUSERS=1', () => {
    // Word Count 10 = compressed (2) + no elevation needed (8): a per-user package.
    expect(execFileSync('msiinfo', ['suminfo', v1], { encoding: 'utf8' })).toMatch(/Source: 10 /);
    const actions = new Map(msiTable(v1, 'CustomAction').map(([id, , prop, target]) => [id!, { prop, target }]));
    expect(actions.get('UseMachineDefaultDir')).toEqual({
      prop: 'INSTALLDIR',
      target: '[ProgramFiles64Folder]Support Technician Console\\',
    });
    const seq = new Map(msiTable(v1, 'InstallExecuteSequence').map(([a, c, s]) => [a!, { c, s: Number(s) }]));
    expect(seq.get('UseMachineDefaultDir')).toEqual({ c: 'NOT INSTALLDIR AND ALLUSERS', s: 54 });
    expect(seq.get('UseMachineDefaultDir')!.s).toBeLessThan(seq.get('CostFinalize')!.s);
    // HKMU (-1): the bookkeeping values follow the scope (HKCU per user, HKLM per machine).
    expect(msiTable(v1, 'Registry').map((r) => r[1])).toEqual(['-1', '-1']);
  });

  it('keeps the upgrade code across versions and removes older versions (major upgrade)', () => {
    const [p1, p2] = [msiProperties(v1), msiProperties(v2)];
    expect(p1.get('UpgradeCode')).toBe(`{${UPGRADE_CODE}}`);
    expect(p2.get('UpgradeCode')).toBe(p1.get('UpgradeCode'));
    expect(p2.get('ProductCode')).not.toBe(p1.get('ProductCode'));
    const upgrade = msiTable(v2, 'Upgrade');
    expect(upgrade).toContainEqual([`{${UPGRADE_CODE}}`, '', '1.5.2', '', '1', '', 'WIX_UPGRADE_DETECTED']);
    expect(msiTable(v2, 'InstallExecuteSequence').map((r) => r[0])).toContain('RemoveExistingProducts');
    // Component GUIDs stay the same for the same file across versions (component rules).
    const guids = (msi: string) => new Map(msiTable(msi, 'Component').map(([id, guid]) => [id!, guid]));
    expect(guids(v2)).toEqual(guids(v1));
  });

  it('builds for x86 too: Intel template, 32-bit Program Files for ALLUSERS=1', () => {
    const r = runDistMsi([
      '--app-dir',
      makeAppFolder('1.4.0'),
      '--version',
      '1.4.0',
      '--arch',
      'x86',
      '--out-dir',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const x86 = path.join(out, 'support-console-1.4.0-win-x86.msi');
    expect(execFileSync('msiinfo', ['suminfo', x86], { encoding: 'utf8' })).toMatch(/Template: Intel;1033/);
    const target = msiTable(x86, 'CustomAction').find(([id]) => id === 'UseMachineDefaultDir')?.[3];
    expect(target).toBe('[ProgramFilesFolder]Support Technician Console\\');
  });

  it('packs every file of the app folder', () => {
    const names = msiTable(v1, 'File')
      .map((r) => r[2])
      .sort();
    expect(names).toEqual([APP_EXE, "R&D 'notes'.txt", 'app.asar', 'de.pak'].sort());
  });

  it('refuses what an MSI cannot carry, with a message and a non-zero exit', () => {
    const app = makeAppFolder('x');
    const pre = runDistMsi(['--app-dir', app, '--version', '2.0.0-beta.1', '--out-dir', out]);
    expect(pre.status).toBe(1);
    expect(pre.stderr).toMatch(/major\.minor\.build/);
    expect(runDistMsi(['--app-dir', app, '--version', '2.0.0', '--arch', 'arm64', '--out-dir', out]).stderr).toMatch(
      /arm64/,
    );
    expect(runDistMsi(['--app-dir', path.join(app, 'missing'), '--version', '2.0.0', '--out-dir', out]).stderr).toMatch(
      /not found/,
    );
    expect(runDistMsi(['--version', '2.0.0']).status).toBe(2);
    addFile(app, 'bad<name>.txt');
    const bad = runDistMsi(['--app-dir', app, '--version', '2.0.0', '--out-dir', out]);
    expect([bad.status, bad.stderr]).toEqual([
      1,
      expect.stringMatching(/bad<name>\.txt: the name is not valid on Windows/),
    ]);
  });
});
