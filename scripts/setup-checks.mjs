/**
 * What `npm start` and `npm test` check before anything else runs (plain Node, no dependency: this
 * runs before node_modules exists). Two questions: do the installed npm packages match
 * package-lock.json, and which Debian packages that the tests use are missing.
 */
import fs from 'node:fs';
import path from 'node:path';

/** @typedef {{ name: string, why: string, probes: string[] }} SystemPackage */
/** @typedef {{ searchPath: string[], root?: string }} ProbeOptions */

/**
 * The Debian packages the tests use, each with the files that show it is installed. A name
 * without a slash is looked up in the search directories; `*` matches one path segment.
 * @type {SystemPackage[]}
 */
export const SYSTEM_PACKAGES = [
  { name: 'chromium', why: 'the end-to-end tests drive real Chromium', probes: ['chromium'] },
  { name: 'wixl', why: 'the MSI is built with wixl', probes: ['wixl'] },
  { name: 'msitools', why: 'the MSI tests read and patch tables', probes: ['msiinfo', 'msibuild'] },
  { name: 'nsis', why: "the installer's --silent include is built with makensis", probes: ['makensis'] },
  { name: 'wine', why: 'the installers are run under wine', probes: ['wine', 'wineserver'] },
  { name: 'wine64', why: 'the wine prefix for the installers is 64-bit', probes: ['/usr/lib/wine/wine64'] },
  { name: 'nginx-light', why: 'the update download benchmark compares with nginx', probes: ['nginx'] },
  { name: 'wrk', why: 'the update download benchmark loads with wrk', probes: ['wrk'] },
  {
    name: 'postgresql',
    why: 'the appliance tests also run on a throwaway PostgreSQL cluster',
    probes: ['/usr/lib/postgresql/*/bin/initdb', '/usr/lib/postgresql/*/bin/pg_ctl'],
  },
];

/**
 * What `npm ci` needs to compile the native modules that have no prebuilt binary for this machine
 * (better-sqlite3 downloads its prebuilt binaries from GitHub, which may be out of reach).
 * @type {SystemPackage[]}
 */
export const BUILD_PACKAGES = [
  {
    name: 'build-essential',
    why: 'npm ci compiles better-sqlite3 where no prebuilt binary can be fetched',
    probes: ['make', 'g++'],
  },
  { name: 'python3', why: 'node-gyp, which compiles native modules, runs on Python', probes: ['python3'] },
];

/**
 * The folder whose include/node holds the headers of exactly this Node (installs from
 * nodejs.org, NodeSource's packages and nvm ship them), for node-gyp's `nodedir`: without it
 * node-gyp downloads the headers from nodejs.org. null when they are not there or another version.
 * @param {string} execPath
 * @param {string} version like `v20.20.2`
 * @returns {string | null}
 */
export function localNodeHeaders(execPath, version) {
  const prefix = path.dirname(path.dirname(execPath));
  let header;
  try {
    header = fs.readFileSync(path.join(prefix, 'include', 'node', 'node_version.h'), 'utf8');
  } catch {
    return null;
  }
  /** @param {string} name */
  const part = (name) => new RegExp(`#define ${name} (\\d+)`).exec(header)?.[1];
  const found = `v${part('NODE_MAJOR_VERSION')}.${part('NODE_MINOR_VERSION')}.${part('NODE_PATCH_VERSION')}`;
  return found === version ? prefix : null;
}

/**
 * Where binaries are looked for: $PATH, plus the sbin folders a non-root $PATH leaves out.
 * @returns {string[]}
 */
export function defaultSearchPath(env = process.env) {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const extra of ['/usr/local/sbin', '/usr/sbin', '/sbin']) if (!dirs.includes(extra)) dirs.push(extra);
  return dirs;
}

/** @param {string} file */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Expands `*` segments of an absolute pattern against the file system.
 * @param {string} pattern
 * @returns {string[]}
 */
function expand(pattern) {
  let paths = ['/'];
  for (const segment of pattern.split('/').filter(Boolean)) {
    paths = paths.flatMap((dir) => {
      if (segment !== '*') return [path.join(dir, segment)];
      try {
        return fs.readdirSync(dir).map((entry) => path.join(dir, entry));
      } catch {
        return [];
      }
    });
  }
  return paths;
}

/**
 * Whether one probe is satisfied. With `root`, absolute patterns are looked for below that folder
 * instead of `/` (tests point it at an empty or a prepared folder).
 * @param {string} probe
 * @param {ProbeOptions} opts
 */
export function probeFound(probe, { searchPath, root = '/' }) {
  if (!probe.includes('/')) return searchPath.some((dir) => isExecutable(path.join(dir, probe)));
  return expand(path.join(root, probe)).some(isExecutable);
}

/**
 * The packages of `packages` with a probe that is not satisfied.
 * @param {ProbeOptions} opts
 */
export function missingSystemPackages(opts, packages = SYSTEM_PACKAGES) {
  return packages.filter((pkg) => !pkg.probes.every((probe) => probeFound(probe, opts)));
}

/**
 * The line printed for a package a non-root user has to install.
 * @param {SystemPackage} pkg
 */
export function howToGet(pkg) {
  return `missing Debian package ${pkg.name} (${pkg.why}): install it with  sudo apt-get install ${pkg.name}`;
}

/**
 * `missing` (no node_modules), `stale` (node_modules does not match package-lock.json: another
 * version, a package missing or left over, or no record of what was installed) or `fresh`.
 * npm records what it installed in node_modules/.package-lock.json; optional packages for other
 * platforms are in the lock file but not installed, which is fine.
 * @param {string} projectDir
 * @returns {{ state: 'missing' | 'stale' | 'fresh', reason: string }}
 */
export function nodeModulesState(projectDir) {
  const modules = path.join(projectDir, 'node_modules');
  if (!fs.existsSync(modules)) return { state: 'missing', reason: 'node_modules does not exist' };
  /** @type {Record<string, { version?: string }>} */
  let installed;
  try {
    installed = JSON.parse(fs.readFileSync(path.join(modules, '.package-lock.json'), 'utf8')).packages ?? {};
  } catch {
    return { state: 'stale', reason: 'node_modules has no record of what npm installed' };
  }
  /** @type {Record<string, { version?: string, optional?: boolean }>} */
  const locked = JSON.parse(fs.readFileSync(path.join(projectDir, 'package-lock.json'), 'utf8')).packages ?? {};
  for (const [key, entry] of Object.entries(locked)) {
    if (key === '') continue;
    const have = installed[key];
    if (!have) {
      if (entry.optional) continue;
      return { state: 'stale', reason: `${key} is in package-lock.json but not installed` };
    }
    if (have.version !== entry.version)
      return { state: 'stale', reason: `${key} is ${have.version}, package-lock.json wants ${entry.version}` };
  }
  for (const key of Object.keys(installed)) {
    if (!(key in locked)) return { state: 'stale', reason: `${key} is installed but not in package-lock.json` };
  }
  return { state: 'fresh', reason: 'node_modules matches package-lock.json' };
}
