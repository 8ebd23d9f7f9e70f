import { describe, expect, it } from 'vitest';
import {
  checkSiteUrl,
  isValidInstallDir,
  parseInstallIni,
  resolveInstallOptions,
} from '../../src-shared/install-options.js';

const EXE = 'C:\\Program Files\\Support Console\\Support Console.exe';

const KEY_A = 'ed25519:1-riQM9NJnxnF1tc24roF59lZW8Hi5_DhyfGtnTzELU';
const KEY_B = 'ed25519:rWe0bn-b1HwuXGILDcJRx9lHTtTNYuCrR-LcztbLgkU';

describe('parseInstallIni', () => {
  it('reads the [Install] section case-insensitively, ignores other sections and comments', () => {
    const text =
      '\uFEFF; written by the MSI\r\n[Other]\r\nALLUSERS=1\r\n[install]\r\nInstallDir = C:\\Apps\\Console\\ \r\nRUNATSTARTUP=1\r\n# comment\r\nSITEURL="https://support.example.com"\r\nRUNATSTARTUP=0\r\nnot a pair\r\n';
    expect(parseInstallIni(text)).toEqual({
      INSTALLDIR: 'C:\\Apps\\Console\\',
      RUNATSTARTUP: '1',
      SITEURL: 'https://support.example.com',
    });
  });
  it('gives an empty record for empty or garbage text', () => {
    expect(parseInstallIni('')).toEqual({});
    expect(parseInstallIni('\u0000\u0001 ]][[ =x')).toEqual({});
  });
});

describe("resolveInstallOptions: every combination of the seed's MSI properties", () => {
  const RUNATSTARTUP = [undefined, '0', '1'] as const;
  const ALLUSERS = [undefined, '', '1'] as const;
  const SHOULDAUTOUPDATE = [undefined, '0', '1'] as const;
  const INSTALLDIR = [undefined, 'C:\\Some Folder\\'] as const;

  for (const run of RUNATSTARTUP)
    for (const all of ALLUSERS)
      for (const upd of SHOULDAUTOUPDATE)
        for (const dir of INSTALLDIR) {
          const ini: Record<string, string> = {};
          if (run !== undefined) ini.RUNATSTARTUP = run;
          if (all !== undefined) ini.ALLUSERS = all;
          if (upd !== undefined) ini.SHOULDAUTOUPDATE = upd;
          if (dir !== undefined) ini.INSTALLDIR = dir;
          it(`RUNATSTARTUP=${run ?? '(unset)'} ALLUSERS=${all === undefined ? '(unset)' : `"${all}"`} SHOULDAUTOUPDATE=${upd ?? '(unset)'} INSTALLDIR=${dir ?? '(unset)'}`, () => {
            const o = resolveInstallOptions({ argv: [EXE], ini });
            // Seed: RUNATSTARTUP 0 default; ALLUSERS "" = per user default; SHOULDAUTOUPDATE 0 default.
            expect(o.runAtStartup).toBe(run === '1');
            expect(o.allUsers).toBe(all === '1');
            expect(o.autoUpdateRequested).toBe(upd === '1');
            // Seed: ALLUSERS=1 + SHOULDAUTOUPDATE=1 → no automatic update; per user + 1 → automatic update.
            expect(o.autoUpdate).toBe(upd === '1' && all !== '1');
            expect(o.installDir).toBe(dir ?? null);
            expect(o.silent).toBe(false);
            expect(o.siteUrl).toBeNull();
            if (upd === '1' && all === '1') {
              expect(o.problems).toHaveLength(1);
              expect(o.problems[0]).toMatchObject({ source: 'ini', key: 'SHOULDAUTOUPDATE' });
              expect(o.problems[0]!.message).toMatch(/all-users consoles never update automatically/);
            } else {
              expect(o.problems).toEqual([]);
            }
          });
        }

  it("no install configuration at all gives the seed's defaults", () => {
    expect(resolveInstallOptions({ argv: [EXE], ini: null })).toEqual({
      silent: false,
      installDir: null,
      runAtStartup: false,
      allUsers: false,
      autoUpdateRequested: false,
      autoUpdate: false,
      siteUrl: null,
      releaseKeys: null,
      problems: [],
    });
  });
});

describe('resolveInstallOptions: invalid values are problems with a documented outcome, never a throw', () => {
  it.each([
    ['RUNATSTARTUP', 'yes', { runAtStartup: false }],
    ['RUNATSTARTUP', '2', { runAtStartup: false }],
    ['SHOULDAUTOUPDATE', 'true', { autoUpdateRequested: false, autoUpdate: false }],
    ['ALLUSERS', '2', { allUsers: true }],
    ['ALLUSERS', 'yes', { allUsers: true }],
    ['INSTALLDIR', 'relative\\folder', { installDir: null }],
    ['INSTALLDIR', 'C:\\bad<name>', { installDir: null }],
    ['SITEURL', 'http://support.example.com', { siteUrl: null }],
    ['SITEURL', 'not a url', { siteUrl: null }],
    ['SITEURL', 'ftp://support.example.com', { siteUrl: null }],
    ['SITEURL', 'https://user:pw@support.example.com', { siteUrl: null }],
    ['RELEASEKEY', 'ssh-ed25519 AAAAC3Nza', { releaseKeys: null }],
    ['RELEASEKEY', 'ed25519:tooshort', { releaseKeys: null }],
    ['RELEASEKEY', `${KEY_A},nonsense`, { releaseKeys: null }],
  ] as const)('%s=%s', (key, value, expected) => {
    const o = resolveInstallOptions({ argv: [EXE], ini: { [key]: value } });
    expect(o).toMatchObject(expected);
    expect(o.problems).toHaveLength(1);
    expect(o.problems[0]).toMatchObject({ source: 'ini', key, value });
    expect(o.problems[0]!.message.length).toBeGreaterThan(20);
  });

  it("RELEASEKEY: IT's release public keys (one or more) replace the built-in ones; no flag can set them", () => {
    expect(resolveInstallOptions({ argv: [EXE], ini: { RELEASEKEY: KEY_A } })).toMatchObject({
      releaseKeys: [KEY_A],
      problems: [],
    });
    expect(resolveInstallOptions({ argv: [EXE], ini: { RELEASEKEY: ` ${KEY_A}, ${KEY_B} ` } }).releaseKeys).toEqual([
      KEY_A,
      KEY_B,
    ]);
    expect(resolveInstallOptions({ argv: [EXE], ini: { RELEASEKEY: '' } }).releaseKeys).toBeNull();
    const flagged = resolveInstallOptions({ argv: [EXE, `--release-key=${KEY_B}`], ini: { RELEASEKEY: KEY_A } });
    expect(flagged.releaseKeys).toEqual([KEY_A]);
  });

  it('an all-users value other than 1 still blocks automatic update (the MSI installed per machine)', () => {
    const o = resolveInstallOptions({ argv: [EXE], ini: { ALLUSERS: '2', SHOULDAUTOUPDATE: '1' } });
    expect(o.autoUpdate).toBe(false);
    expect(o.problems.map((p) => p.key)).toEqual(['ALLUSERS', 'SHOULDAUTOUPDATE']);
  });
});

describe('resolveInstallOptions: command-line flags', () => {
  it('reads every flag when packaged (argv[0] is the executable)', () => {
    const o = resolveInstallOptions({
      argv: [
        EXE,
        '--silent',
        '--install-dir=D:\\Tools\\Console',
        '--run-at-startup',
        '--auto-update=1',
        '--site=https://Support.Example.com/',
      ],
    });
    expect(o).toEqual({
      silent: true,
      installDir: 'D:\\Tools\\Console',
      runAtStartup: true,
      allUsers: false,
      autoUpdateRequested: true,
      autoUpdate: true,
      siteUrl: 'https://support.example.com',
      releaseKeys: null,
      problems: [],
    });
  });

  it('skips the app path in development (process.defaultApp) and ignores Chromium switches', () => {
    const argv = ['/usr/lib/electron/electron', '--silent', '--no-sandbox', '--run-at-startup=1'];
    // Packaged reading would take argv[1]; in development argv[1] is the app path and is skipped.
    expect(resolveInstallOptions({ argv, defaultApp: true }).silent).toBe(false);
    expect(resolveInstallOptions({ argv, defaultApp: false }).silent).toBe(true);
    const dev = resolveInstallOptions({ argv: ['electron', '.', '--silent', '--inspect=9229'], defaultApp: true });
    expect(dev.silent).toBe(true);
    expect(dev.runAtStartup).toBe(false);
    expect(dev.problems).toEqual([]);
  });

  it('flags override the install configuration, and say so', () => {
    const o = resolveInstallOptions({
      argv: [EXE, '--run-at-startup=0', '--site=https://b.example.com'],
      ini: { RUNATSTARTUP: '1', SITEURL: 'https://a.example.com' },
    });
    expect(o.runAtStartup).toBe(false);
    expect(o.siteUrl).toBe('https://b.example.com');
    expect(o.problems.map((p) => p.key)).toEqual(['--run-at-startup', '--site']);
  });

  it('--all-users with --auto-update gives no automatic update, with a problem', () => {
    const o = resolveInstallOptions({ argv: [EXE, '--all-users', '--auto-update'] });
    expect(o).toMatchObject({ allUsers: true, autoUpdateRequested: true, autoUpdate: false });
    expect(o.problems).toEqual([expect.objectContaining({ source: 'argv', key: '--auto-update' })]);
  });

  it('invalid flag values are ignored with a problem', () => {
    const o = resolveInstallOptions({
      argv: [EXE, '--run-at-startup=maybe', '--auto-update=yes', '--install-dir=', '--site=http://example.com'],
      ini: { RUNATSTARTUP: '1' },
    });
    expect(o).toMatchObject({ runAtStartup: true, autoUpdateRequested: false, installDir: null, siteUrl: null });
    expect(o.problems.map((p) => p.key)).toEqual(['--run-at-startup', '--auto-update', '--install-dir', '--site']);
  });
});

describe('site URL and install folder checks', () => {
  it.each([
    ['https://support.example.com', 'https://support.example.com'],
    ['https://support.example.com:8443/console/', 'https://support.example.com:8443/console'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['http://localhost:4000/', 'http://localhost:4000'],
    ['http://[::1]:4000', 'http://[::1]:4000'],
    ['http://127.1:4000', 'http://127.0.0.1:4000'],
    ['http://127.255.0.9', 'http://127.255.0.9'],
    ['https://support.localhost', 'https://support.localhost'],
  ])('accepts %s', (value, url) => expect(checkSiteUrl(value)).toEqual({ ok: true, url }));
  it.each([
    'http://10.0.0.1',
    'http://127.0.0.1.example.com',
    'http://support.localhost',
    'http://a.b.localhost:8080',
    'http://localhost.',
    'http://10.0.0.5',
    'http://0.0.0.0:8080',
    'http://[::ffff:127.0.0.1]',
    'http://[::]',
    'https://x.example.com/?a=1',
    'https://x.example.com/#f',
    'javascript:alert(1)',
    '',
  ])('refuses %s', (value) => expect(checkSiteUrl(value).ok).toBe(false));
  it('install folders', () => {
    for (const ok of ['C:\\Some Folder\\', 'D:/x', '\\\\server\\share\\console', '/opt/console'])
      expect(isValidInstallDir(ok), ok).toBe(true);
    for (const bad of ['', 'C:', 'folder', 'C:\\a:b', 'C:\\a|b', 'C:\\a\u0000b', '\\\\server'])
      expect(isValidInstallDir(bad), bad).toBe(false);
  });
});
