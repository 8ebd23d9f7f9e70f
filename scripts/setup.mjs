/**
 * The set-up `npm start` and `npm test` do for themselves on a fresh machine, in plain Node (it
 * runs before any dependency is installed):
 *   node scripts/setup.mjs start    npm ci when node_modules is missing or does not match package-lock.json
 *                                   (as root, first the compiler it may need; node-gyp is pointed at this
 *                                   Node's own headers when they are installed beside it)
 *   node scripts/setup.mjs test     the same, then the Debian packages the tests use: installed with
 *                                   apt-get when missing and running as root, else one line per
 *                                   missing package saying how to get it (and exit code 1)
 *   node scripts/setup.mjs system   only the Debian packages
 * Options for trying the logic without touching the machine: --search-path DIR[:DIR...] (where
 * binaries, apt-get included, are looked for; default $PATH plus the sbin folders), --system-root
 * DIR (prefix for absolute probes such as /usr/lib/postgresql/<version>/bin/initdb), --as-user /
 * --as-root (instead of the real user id).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  BUILD_PACKAGES,
  SYSTEM_PACKAGES,
  defaultSearchPath,
  howToGet,
  localNodeHeaders,
  missingSystemPackages,
  nodeModulesState,
  probeFound,
} from './setup-checks.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'search-path': { type: 'string' },
    'system-root': { type: 'string', default: '/' },
    'as-user': { type: 'boolean', default: false },
    'as-root': { type: 'boolean', default: false },
  },
});
const mode = positionals[0] ?? '';
if (!['start', 'test', 'system'].includes(mode)) {
  console.error(
    'usage: node scripts/setup.mjs start|test|system [--search-path DIRS] [--system-root DIR] [--as-user|--as-root]',
  );
  process.exit(2);
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const searchPath = values['search-path']?.split(path.delimiter).filter(Boolean) ?? defaultSearchPath();
const probeOptions = { searchPath, root: values['system-root'] ?? '/' };
const isRoot = values['as-root'] || (!values['as-user'] && process.getuid?.() === 0);

/**
 * Installs the missing ones of `packages` with apt-get when running as root. Returns the ones
 * still missing (all of them for any other user).
 * @param {import('./setup-checks.mjs').SystemPackage[]} packages
 * @param {string} what
 */
function installMissing(packages, what) {
  const missing = missingSystemPackages(probeOptions, packages);
  const aptGet = searchPath.map((dir) => path.join(dir, 'apt-get')).find((file) => probeFound(file, { searchPath }));
  if (missing.length === 0 || !isRoot || !aptGet) return missing;
  const names = missing.map((pkg) => pkg.name);
  console.log(`setup: installing ${what}: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run(aptGet, ['update', '-qq'], env) !== 0 || run(aptGet, ['install', '-y', '-qq', ...names], env) !== 0) {
    console.error('setup: apt-get failed (see above)');
    process.exit(1);
  }
  return missingSystemPackages(probeOptions, packages);
}

function ensureNodeModules() {
  const { state, reason } = nodeModulesState(projectDir);
  if (state === 'fresh') return;
  console.log(`setup: ${reason}; running npm ci`);
  const missingTools = installMissing(BUILD_PACKAGES, 'what npm ci needs to compile native modules');
  const env = { ...process.env };
  const headers = localNodeHeaders(process.execPath, process.version);
  if (headers && !env.npm_config_nodedir) env.npm_config_nodedir = headers;
  // Under `npm start`/`npm test`, npm_execpath is the npm that runs us: use the same one.
  const npm = process.env.npm_execpath;
  const args = ['ci', '--no-audit', '--no-fund'];
  const status = npm ? run(process.execPath, [npm, ...args], env) : run('npm', args, env);
  if (status !== 0) {
    for (const pkg of missingTools) console.error(howToGet(pkg));
    console.error('setup: npm ci failed (see above)');
    process.exit(status);
  }
}

function ensureSystemPackages() {
  const missing = installMissing(SYSTEM_PACKAGES, 'the Debian packages the tests use');
  if (missing.length === 0) return;
  for (const pkg of missing) console.error(howToGet(pkg));
  process.exit(1);
}

if (mode !== 'system') ensureNodeModules();
if (mode !== 'start') ensureSystemPackages();
