/**
 * The install configuration file as Windows writes it (UTF-16LE with BOM, UTF-8, ANSI), the XDG
 * autostart entry's quoting, and the site binding (a change of site drops the tokens).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveInstallOptions } from '../../src-shared/install-options.js';
import { ApiError } from '../../src-shared/errors.js';
import { decodeIniBytes, installConfigDir, readInstallConfig } from '../../src-main/install/install-config.js';
import { desktopEntry, quoteExecArg } from '../../src-main/install/xdg-autostart.js';
import { openSiteBinding } from '../../src-main/install/site-binding.js';
import { createFileSecretStore } from '../../src-main/storage/secret-store.js';
import { FakeSafeStorage, recordingLog } from './support/fake-safe-storage.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'install-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const INI =
  '[Install]\r\nINSTALLDIR=C:\\Some Folder\\\r\nRUNATSTARTUP=1\r\nALLUSERS=\r\nSHOULDAUTOUPDATE=1\r\nSITEURL=https://support.example.com\r\n';

describe('install-config.ini as the MSI leaves it', () => {
  it.each([
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(INI, 'utf16le')])],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(INI, 'utf8')])],
    ['ANSI', Buffer.from(INI, 'latin1')],
  ])('%s reads back to the seed options', async (_name, bytes) => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'install-config.ini'), bytes);
    const ini = await readInstallConfig(dir, recordingLog());
    const o = resolveInstallOptions({ argv: [path.join(dir, 'console.exe')], ini });
    expect(o).toMatchObject({
      installDir: 'C:\\Some Folder\\',
      runAtStartup: true,
      allUsers: false,
      autoUpdateRequested: true,
      autoUpdate: true,
      siteUrl: 'https://support.example.com',
      problems: [],
    });
  });
  it('non-UTF-8 ANSI bytes (a path with ü in Windows-1252) decode as Latin-1', () => {
    expect(decodeIniBytes(Buffer.from('INSTALLDIR=C:\\M\xfcller\\', 'latin1'))).toBe('INSTALLDIR=C:\\Müller\\');
  });
  it('no file → no install config; in development there is no install folder', async () => {
    expect(await readInstallConfig(tmp(), recordingLog())).toBeNull();
    expect(installConfigDir('/usr/lib/electron/electron', true)).toBeNull();
    expect(installConfigDir('/opt/Console/console', false)).toBe('/opt/Console');
  });
});

describe('XDG autostart entry', () => {
  it('quotes Exec arguments by the Desktop Entry rules', () => {
    expect(quoteExecArg('/usr/bin/console')).toBe('/usr/bin/console');
    expect(quoteExecArg('/opt/Support Console/console')).toBe('"/opt/Support Console/console"');
    expect(quoteExecArg('/opt/a"b$c`d\\e')).toBe('"/opt/a\\"b\\$c\\`d\\\\e"');
    expect(quoteExecArg('100%')).toBe('100%%');
    const entry = desktopEntry({ name: 'Support Console\nX-Evil=1', exec: '/opt/Support Console/console', args: [] });
    expect(entry.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Name=Support Console X-Evil=1',
      'Exec="/opt/Support Console/console"',
      'Terminal=false',
      'Hidden=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });
});

describe('site binding', () => {
  async function setup() {
    const userDataDir = tmp();
    const log = recordingLog();
    const secrets = createFileSecretStore({ userDataDir, encryptor: new FakeSafeStorage(), platform: 'linux', log });
    return { userDataDir, log, secrets, confirmChange: null };
  }

  it('binds from the install configuration and keeps it across starts', async () => {
    const s = await setup();
    const a = await openSiteBinding({ ...s, fromInstall: 'https://a.example.com' });
    expect(a.get()).toBe('https://a.example.com');
    const again = await openSiteBinding({ ...s, fromInstall: null });
    expect(again.get()).toBe('https://a.example.com');
  });

  it('a different site drops the session and update tokens (they belong to the old site)', async () => {
    const s = await setup();
    await openSiteBinding({ ...s, fromInstall: 'https://a.example.com' });
    await s.secrets.set('session_token', 'old-session');
    await s.secrets.set('update_token', 'old-update');
    await s.secrets.set('install_id', 'install_keep_me');
    const b = await openSiteBinding({ ...s, fromInstall: 'https://b.example.com', confirmChange: async () => true });
    expect(b.get()).toBe('https://b.example.com');
    expect(await s.secrets.get('session_token')).toBeNull();
    expect(await s.secrets.get('update_token')).toBeNull();
    expect(await s.secrets.get('install_id')).toBe('install_keep_me');
  });

  it('first-run entry: https or loopback http only', async () => {
    const s = await setup();
    const site = await openSiteBinding({ ...s, fromInstall: null });
    expect(site.get()).toBeNull();
    for (const bad of ['http://support.example.com', 'ftp://x', 'nonsense']) {
      const err = await site.set(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('insecure_site_url');
    }
    expect(site.get()).toBeNull();
    expect(await site.set('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
  });

  it('a tampered site.json (http to a remote host) is ignored, not trusted', async () => {
    const s = await setup();
    fs.writeFileSync(path.join(s.userDataDir, 'site.json'), JSON.stringify({ url: 'http://evil.example.com' }));
    const site = await openSiteBinding({ ...s, fromInstall: null });
    expect(site.get()).toBeNull();
    expect(s.log.lines.some((l) => /ignoring the stored site/.test(l.msg))).toBe(true);
  });
});
