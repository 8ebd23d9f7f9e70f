/**
 * Install mode: turns the console's install inputs into one `InstallOptions`.
 *
 * Inputs, in order of precedence (a later one wins, per key):
 *   1. the seed's defaults: RUNATSTARTUP 0, ALLUSERS "" (per user), SHOULDAUTOUPDATE 0;
 *   2. the MSI's install configuration: `install-config.ini` in the install folder, section
 *      `[Install]`, keys INSTALLDIR, RUNATSTARTUP, ALLUSERS, SHOULDAUTOUPDATE, SITEURL, RELEASEKEY
 *      (written by the MSI's IniFile table from its public properties, see build/msi/);
 *   3. command-line flags: `--silent`, `--install-dir=`, `--run-at-startup[=0|1]`, `--all-users`,
 *      `--auto-update[=0|1]`, `--site=`.
 *
 * The seed's rule: automatic update only for per-user installs that asked for it
 * (`autoUpdate = autoUpdateRequested && !allUsers`). RELEASEKEY (IT's own release public keys,
 * replacing the built-in ones) has no command-line flag: which publisher a console trusts is IT's
 * decision, made in the install, not in a shortcut. Invalid or conflicting values never throw:
 * each adds a `problems` entry (the main process logs them) and the documented outcome applies
 * (see docs/parts/main-process.md, "Install options").
 */
import { parseReleaseKeyList } from './release-signature.js';

export interface InstallProblem {
  source: 'argv' | 'ini';
  /** The flag (`--run-at-startup`) or INI key (`RUNATSTARTUP`) the problem is about. */
  key: string;
  value: string;
  message: string;
}

export interface InstallOptions {
  /** `--silent`: no window, dialog or notice; the outcome goes to the log file and exit code. */
  silent: boolean;
  installDir: string | null;
  runAtStartup: boolean;
  allUsers: boolean;
  /** What the installer asked for (SHOULDAUTOUPDATE / --auto-update). */
  autoUpdateRequested: boolean;
  /** Effective: requested and not an all-users install (seed: all-users consoles never auto update). */
  autoUpdate: boolean;
  siteUrl: string | null;
  /** IT's pinned release public keys (RELEASEKEY); null: the console's built-in publisher keys. */
  releaseKeys: string[] | null;
  problems: InstallProblem[];
}

export interface InstallInput {
  /** `process.argv` as is: the resolver skips the executable (and the app path in development). */
  argv: string[];
  /** The `[Install]` section of install-config.ini (`parseInstallIni`), or null when there is none. */
  ini?: Record<string, string> | null;
  /** `process.defaultApp`: true when run as `electron <app>` (argv[1] is the app path, not a flag). */
  defaultApp?: boolean;
}

export const INSTALL_INI_FILE = 'install-config.ini';
export const INSTALL_INI_SECTION = 'Install';
export const INSTALL_INI_KEYS = [
  'INSTALLDIR',
  'RUNATSTARTUP',
  'ALLUSERS',
  'SHOULDAUTOUPDATE',
  'SITEURL',
  'RELEASEKEY',
] as const;

/**
 * Parses the `[Install]` section of an INI file (Windows INI rules: section and key names are
 * case-insensitive, `;` starts a comment line, the first occurrence of a key wins as with
 * GetPrivateProfileString). Keys come back upper-case. Never throws.
 */
export function parseInstallIni(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inSection = false;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const section = /^\[([^\]]*)\]$/.exec(line);
    if (section) {
      inSection = section[1]!.trim().toLowerCase() === INSTALL_INI_SECTION.toLowerCase();
      continue;
    }
    if (!inSection) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().toUpperCase();
    if (!Object.hasOwn(out, key)) out[key] = unquote(line.slice(eq + 1).trim());
  }
  return out;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** Result of checking a site URL: the normalised URL (origin + path, no trailing slash) or why not. */
export type SiteUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Literal loopback only: `localhost` itself (which the console maps to loopback without asking DNS,
 * see src-main/security/loopback-lookup.ts), `[::1]` and 127.0.0.0/8. Not `*.localhost` or any other
 * name: a name is only as loopback as its resolver says, and a resolver can be told otherwise.
 * Takes a WHATWG URL's `hostname` (lower case, IPv4 forms such as `127.1` already normalised).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]') return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255) && octets[1] === '127';
}

/**
 * The site binding policy: https for any host, http only for literal loopback (the traffic would
 * otherwise carry the bearer token and the password in clear). No credentials, query or fragment.
 */
export function checkSiteUrl(value: string): SiteUrlCheck {
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return { ok: false, reason: 'is not a valid URL' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { ok: false, reason: `must use https: (got ${u.protocol})` };
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    return { ok: false, reason: 'must use https: (http: is allowed only for localhost, 127.0.0.0/8 and [::1])' };
  }
  if (u.username || u.password) return { ok: false, reason: 'must not contain a user name or password' };
  if (u.search || u.hash) return { ok: false, reason: 'must not contain a query or fragment' };
  return { ok: true, url: `${u.origin}${u.pathname.replace(/\/+$/, '')}` };
}

function hasControlChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return true;
  return false;
}

/** Absolute Windows (`C:\…`, `\\server\share\…`) or POSIX path, without characters Windows forbids. */
export function isValidInstallDir(value: string): boolean {
  if (!value || value.length > 32_767 || /[<>"|?*]/.test(value) || hasControlChar(value)) return false;
  if (/^[A-Za-z]:[\\/]/.test(value)) return !value.slice(2).includes(':');
  if (/^\\\\[^\\/]+[\\/][^\\/]+/.test(value)) return !value.includes(':');
  return value.startsWith('/');
}

type Flag = 'silent' | 'install-dir' | 'run-at-startup' | 'all-users' | 'auto-update' | 'site';
const FLAGS: readonly Flag[] = ['silent', 'install-dir', 'run-at-startup', 'all-users', 'auto-update', 'site'];

/** The console's own flags in argv (others, e.g. Chromium switches, are left alone). */
function readFlags(argv: string[], defaultApp: boolean): Map<Flag, string | true> {
  const flags = new Map<Flag, string | true>();
  for (const arg of argv.slice(defaultApp ? 2 : 1)) {
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m || !(FLAGS as readonly string[]).includes(m[1]!)) continue;
    flags.set(m[1] as Flag, m[2] ?? true);
  }
  return flags;
}

/** A 0/1 switch value; `undefined` means "invalid". */
function parseSwitch(value: string | true): boolean | undefined {
  if (value === true) return true;
  const v = value.trim();
  return v === '1' ? true : v === '0' ? false : undefined;
}

export function resolveInstallOptions(input: InstallInput): InstallOptions {
  const problems: InstallProblem[] = [];
  const ini = input.ini ?? {};
  const flags = readFlags(input.argv, input.defaultApp === true);
  const problem = (source: InstallProblem['source'], key: string, value: string, message: string) =>
    problems.push({ source, key, value, message });

  // --- from the MSI's install configuration ---
  let runAtStartup = false;
  let allUsers = false;
  let autoUpdateRequested = false;
  let installDir: string | null = null;
  let siteUrl: string | null = null;

  const iniSwitch = (key: string, label: string): boolean | undefined => {
    const v = ini[key];
    if (v === undefined || v.trim() === '') return undefined;
    const parsed = parseSwitch(v);
    if (parsed === undefined) problem('ini', key, v, `${key}=${v} is not 0 or 1; ${label} stays off.`);
    return parsed;
  };
  runAtStartup = iniSwitch('RUNATSTARTUP', 'starting with the computer') ?? runAtStartup;
  autoUpdateRequested = iniSwitch('SHOULDAUTOUPDATE', 'automatic update') ?? autoUpdateRequested;

  const allUsersIni = ini.ALLUSERS?.trim();
  if (allUsersIni) {
    allUsers = true;
    // Windows Installer installs per machine for any non-empty ALLUSERS (2 only when elevated),
    // so the console follows what the MSI actually did rather than falling back to per user.
    if (allUsersIni !== '1')
      problem(
        'ini',
        'ALLUSERS',
        allUsersIni,
        `ALLUSERS=${allUsersIni} is not "" or 1; treated as an all-users (per-machine) install.`,
      );
  }

  const dirIni = ini.INSTALLDIR?.trim();
  if (dirIni) {
    if (isValidInstallDir(dirIni)) installDir = dirIni;
    else
      problem(
        'ini',
        'INSTALLDIR',
        dirIni,
        `INSTALLDIR=${dirIni} is not a valid absolute folder; the folder the console runs from is used.`,
      );
  }

  const siteIni = ini.SITEURL?.trim();
  if (siteIni) {
    const check = checkSiteUrl(siteIni);
    if (check.ok) siteUrl = check.url;
    else problem('ini', 'SITEURL', siteIni, `SITEURL ${check.reason}; the console asks for the site at first run.`);
  }

  let releaseKeys: string[] | null = null;
  const keysIni = ini.RELEASEKEY?.trim();
  if (keysIni) {
    const { keys, invalid } = parseReleaseKeyList(keysIni);
    if (invalid.length > 0 || keys.length === 0)
      problem(
        'ini',
        'RELEASEKEY',
        keysIni,
        `RELEASEKEY must be release public keys (ed25519:…) separated by commas, not "${invalid[0] ?? keysIni}"; the console's built-in publisher keys are used.`,
      );
    else releaseKeys = keys;
  }

  // --- command-line flags override, per key ---
  let silent = false;
  const flagSwitch = (flag: Flag, current: boolean, iniKey: string | null): boolean => {
    const raw = flags.get(flag);
    if (raw === undefined) return current;
    const parsed = parseSwitch(raw);
    if (parsed === undefined) {
      problem('argv', `--${flag}`, String(raw), `--${flag}=${String(raw)} is not 0 or 1; the flag is ignored.`);
      return current;
    }
    if (iniKey && ini[iniKey]?.trim() && parseSwitch(ini[iniKey]!) !== undefined && parsed !== current) {
      problem(
        'argv',
        `--${flag}`,
        String(raw),
        `--${flag} overrides ${iniKey}=${ini[iniKey]!.trim()} from ${INSTALL_INI_FILE}.`,
      );
    }
    return parsed;
  };
  silent = flagSwitch('silent', silent, null);
  runAtStartup = flagSwitch('run-at-startup', runAtStartup, 'RUNATSTARTUP');
  allUsers = flagSwitch('all-users', allUsers, 'ALLUSERS');
  autoUpdateRequested = flagSwitch('auto-update', autoUpdateRequested, 'SHOULDAUTOUPDATE');

  const dirFlag = flags.get('install-dir');
  if (dirFlag !== undefined) {
    const v = dirFlag === true ? '' : dirFlag.trim();
    if (isValidInstallDir(v)) installDir = v;
    else problem('argv', '--install-dir', v, `--install-dir=${v} is not a valid absolute folder; the flag is ignored.`);
  }

  const siteFlag = flags.get('site');
  if (siteFlag !== undefined) {
    const v = siteFlag === true ? '' : siteFlag.trim();
    const check = checkSiteUrl(v);
    if (check.ok) {
      if (siteUrl && siteUrl !== check.url)
        problem('argv', '--site', v, `--site overrides SITEURL=${siteUrl} from ${INSTALL_INI_FILE}.`);
      siteUrl = check.url;
    } else {
      problem('argv', '--site', v, `--site ${check.reason}; the flag is ignored.`);
    }
  }

  // --- the seed's rule ---
  if (autoUpdateRequested && allUsers) {
    problem(
      flags.has('auto-update') ? 'argv' : 'ini',
      flags.has('auto-update') ? '--auto-update' : 'SHOULDAUTOUPDATE',
      '1',
      'Automatic update was requested for an all-users install; all-users consoles never update automatically (reinstall them with a new MSI).',
    );
  }
  const autoUpdate = autoUpdateRequested && !allUsers;

  return {
    silent,
    installDir,
    runAtStartup,
    allUsers,
    autoUpdateRequested,
    autoUpdate,
    siteUrl,
    releaseKeys,
    problems,
  };
}
