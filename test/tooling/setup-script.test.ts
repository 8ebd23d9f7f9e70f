/**
 * The set-up that `npm start` and `npm test` run first (scripts/setup.mjs), tried without touching
 * this machine: binaries are looked for in a prepared folder (--search-path, --system-root), the
 * user is said to be root or not (--as-root, --as-user), and apt-get is a stand-in script that
 * records its arguments and "installs" by creating the files each package is recognised by.
 * The node_modules check runs on small fixture projects.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/appliance.js';
import { SYSTEM_PACKAGES, localNodeHeaders, nodeModulesState } from '../../scripts/setup-checks.mjs';

const SETUP = path.resolve('scripts/setup.mjs');
const ALL = SYSTEM_PACKAGES.map((p) => p.name);

interface Machine {
  bin: string;
  root: string;
  aptLog: string;
}

function executable(file: string, body = '#!/bin/sh\nexit 0\n'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body, { mode: 0o755 });
}

/** Puts the files a package is recognised by on the fake machine. */
function install(machine: Machine, name: string): void {
  for (const probe of SYSTEM_PACKAGES.find((p) => p.name === name)!.probes) {
    executable(probe.includes('/') ? path.join(machine.root, probe.replace('*', '15')) : path.join(machine.bin, probe));
  }
}

/** A machine with nothing installed but an apt-get that logs, and installs unless `aptWorks` is false. */
function machine({ aptWorks = true } = {}): Machine {
  const dir = tempDir('setup-');
  const m = { bin: path.join(dir, 'bin'), root: path.join(dir, 'root'), aptLog: path.join(dir, 'apt.log') };
  fs.mkdirSync(m.bin, { recursive: true });
  fs.mkdirSync(m.root, { recursive: true });
  const installs = SYSTEM_PACKAGES.map((pkg) => {
    const files = pkg.probes.map((probe) =>
      probe.includes('/') ? path.join(m.root, probe.replace('*', '15')) : path.join(m.bin, probe),
    );
    const create = files.map((f) => `mkdir -p '${path.dirname(f)}'; printf '#!/bin/sh\\n' > '${f}'; chmod 755 '${f}'`);
    return `    ${pkg.name}) ${create.join('; ')} ;;`;
  });
  executable(
    path.join(m.bin, 'apt-get'),
    [
      '#!/bin/sh',
      `echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> '${m.aptLog}'`,
      '[ "$1" = install ] || exit 0',
      aptWorks ? 'for p in "$@"; do case "$p" in' : 'exit 0',
      ...(aptWorks ? [...installs, '  esac; done'] : []),
      'exit 0',
      '',
    ].join('\n'),
  );
  return m;
}

function setup(m: Machine, ...flags: string[]) {
  const r = spawnSync(process.execPath, [SETUP, 'system', '--search-path', m.bin, '--system-root', m.root, ...flags], {
    encoding: 'utf8',
  });
  const aptCalls = fs.existsSync(m.aptLog) ? fs.readFileSync(m.aptLog, 'utf8').trim().split('\n') : [];
  return { status: r.status, stdout: r.stdout, stderrLines: r.stderr.trim().split('\n').filter(Boolean), aptCalls };
}

describe('npm test set-up: Debian packages', () => {
  it('a user who is not root gets one line per missing package saying how to get it, and apt-get is not run', () => {
    const m = machine();
    const r = setup(m, '--as-user');
    expect(r.status).toBe(1);
    expect(r.stderrLines).toHaveLength(ALL.length);
    r.stderrLines.forEach((line, i) => {
      expect(line).toMatch(
        new RegExp(`^missing Debian package ${ALL[i]} \\(.+\\): install it with  sudo apt-get install ${ALL[i]}$`),
      );
    });
    expect(ALL).toEqual(['chromium', 'wixl', 'msitools', 'nsis', 'wine', 'wine64', 'nginx-light', 'wrk', 'postgresql']);
    expect(r.aptCalls).toEqual([]);
  });

  it('only what is missing is listed; a package counts as present only when all its files are there', () => {
    const m = machine();
    for (const name of ALL.filter((n) => n !== 'wrk' && n !== 'msitools' && n !== 'postgresql')) install(m, name);
    executable(path.join(m.bin, 'msiinfo')); // msitools without msibuild
    executable(path.join(m.root, 'usr/lib/postgresql/15/bin/initdb')); // postgresql without pg_ctl
    const r = setup(m, '--as-user');
    expect(r.status).toBe(1);
    expect(r.stderrLines.map((l) => /package (\S+)/.exec(l)![1])).toEqual(['msitools', 'wrk', 'postgresql']);
    install(m, 'msitools');
    install(m, 'wrk');
    install(m, 'postgresql');
    expect(setup(m, '--as-user')).toMatchObject({ status: 0, stderrLines: [], stdout: '' });
  });

  it('root gets the missing packages installed with apt-get (non-interactive), then the check passes', () => {
    const m = machine();
    install(m, 'chromium');
    const r = setup(m, '--as-root');
    expect(r.status).toBe(0);
    expect(r.stderrLines).toEqual([]);
    expect(r.aptCalls).toEqual([
      'DEBIAN_FRONTEND=noninteractive update -qq',
      `DEBIAN_FRONTEND=noninteractive install -y -qq ${ALL.filter((n) => n !== 'chromium').join(' ')}`,
    ]);
    expect(setup(m, '--as-root').aptCalls).toHaveLength(2); // nothing missing: apt-get not run again
  });

  it('when apt-get leaves a package missing, root gets the same lines and a failing exit code', () => {
    const m = machine({ aptWorks: false });
    const r = setup(m, '--as-root');
    expect(r.status).toBe(1);
    expect(r.aptCalls).toHaveLength(2);
    expect(r.stderrLines).toHaveLength(ALL.length);
  });
});

describe('npm start / npm test set-up: node_modules against package-lock.json', () => {
  const lock = {
    packages: {
      '': { name: 'p' },
      'node_modules/a': { version: '1.0.0' },
      'node_modules/b': { version: '2.0.0' },
      'node_modules/@x/darwin-only': { version: '3.0.0', optional: true },
    },
  };
  function project(installed: Record<string, unknown> | null): string {
    const dir = tempDir('setup-project-');
    fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock));
    if (installed) {
      fs.mkdirSync(path.join(dir, 'node_modules'));
      if (Object.keys(installed).length > 0)
        fs.writeFileSync(path.join(dir, 'node_modules/.package-lock.json'), JSON.stringify({ packages: installed }));
    }
    return dir;
  }
  const same = { 'node_modules/a': { version: '1.0.0' }, 'node_modules/b': { version: '2.0.0' } };

  it('is fresh when every locked package is installed at its version (optional ones for other platforms may be absent)', () => {
    expect(nodeModulesState(project(same)).state).toBe('fresh');
  });

  it('is missing without node_modules, and stale when it cannot tell or anything differs', () => {
    expect(nodeModulesState(project(null))).toEqual({ state: 'missing', reason: 'node_modules does not exist' });
    expect(nodeModulesState(project({})).state).toBe('stale');
    expect(nodeModulesState(project({ ...same, 'node_modules/b': { version: '2.0.1' } }))).toEqual({
      state: 'stale',
      reason: 'node_modules/b is 2.0.1, package-lock.json wants 2.0.0',
    });
    expect(nodeModulesState(project({ 'node_modules/a': { version: '1.0.0' } })).reason).toBe(
      'node_modules/b is in package-lock.json but not installed',
    );
    expect(nodeModulesState(project({ ...same, 'node_modules/gone': { version: '1.0.0' } })).reason).toBe(
      'node_modules/gone is installed but not in package-lock.json',
    );
  });
});

describe('npm ci set-up: node-gyp uses the headers installed beside this Node', () => {
  function nodeInstall(version: [number, number, number] | null): string {
    const prefix = tempDir('node-prefix-');
    executable(path.join(prefix, 'bin/node'));
    if (version) {
      const [major, minor, patch] = version;
      fs.mkdirSync(path.join(prefix, 'include/node'), { recursive: true });
      fs.writeFileSync(
        path.join(prefix, 'include/node/node_version.h'),
        `#define NODE_MAJOR_VERSION ${major}\n#define NODE_MINOR_VERSION ${minor}\n#define NODE_PATCH_VERSION ${patch}\n`,
      );
    }
    return prefix;
  }

  it('finds them when they are of exactly this version, and not otherwise', () => {
    const prefix = nodeInstall([20, 20, 2]);
    expect(localNodeHeaders(path.join(prefix, 'bin/node'), 'v20.20.2')).toBe(prefix);
    expect(localNodeHeaders(path.join(prefix, 'bin/node'), 'v20.20.1')).toBeNull();
    expect(localNodeHeaders(path.join(nodeInstall(null), 'bin/node'), 'v20.20.2')).toBeNull();
  });
});
