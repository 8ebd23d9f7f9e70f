/**
 * A throw-away 64-bit wine prefix for installer tests, one per test file, with no display, no
 * debug output and no Mono/Gecko prompts. `wineboot -i` in a fresh prefix takes 10–40 s here, so
 * the packaging project boots one template prefix before its files (./global-setup.ts) and each
 * file gets a copy of it; without a template (a file run on its own outside the project), it boots.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

export interface WinePrefix {
  dir: string;
  /** How it was made, for the log: a copy of the template, or booted here and how long that took. */
  origin: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], opts?: { cwd?: string; timeoutMs?: number }): SpawnSyncReturns<string>;
  /** A Windows path (C:\…) of this prefix as a host path. */
  hostPath(windowsPath: string): string;
  /** `reg query <key> /v <name>` → the value, or null when the key or value is missing. */
  regValue(key: string, name: string): string | null;
  regKeyExists(key: string): boolean;
  /** Expands a Windows environment variable (%LOCALAPPDATA%, %TEMP%) inside the prefix. */
  expand(variable: string): string;
  dispose(): void;
}

/** A host path as wine sees it through its Z: drive. */
export function winePathOf(hostPath: string): string {
  return `Z:${path.resolve(hostPath).replace(/\//g, '\\')}`;
}

function wineEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WINEPREFIX: dir,
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
  };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

/** `wineboot -i` in `dir` (a new, empty folder); returns the seconds it took. */
export function bootWinePrefix(dir: string): number {
  const env = wineEnv(dir);
  const started = process.hrtime.bigint();
  const boot = spawnSync('wine', ['wineboot', '-i'], { env, encoding: 'utf8', timeout: 240_000 });
  spawnSync('wineserver', ['-w'], { env, timeout: 240_000 });
  if (boot.status !== 0 && !fs.existsSync(path.join(dir, 'system.reg'))) {
    throw new Error(`wineboot failed (${boot.status}): ${boot.stderr}`);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function createWinePrefix(): WinePrefix {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wineprefix-'));
  const env = wineEnv(dir);
  const run = (args: string[], opts: { cwd?: string; timeoutMs?: number } = {}) =>
    spawnSync('wine', args, { env, cwd: opts.cwd, encoding: 'utf8', timeout: opts.timeoutMs ?? 120_000 });

  const template = inject('winePrefixTemplate');
  let origin = `a copy of the template ${template}`;
  if (template) {
    // cp -a keeps the prefix's symlinks (dosdevices/c: and z:) as they are.
    const copy = spawnSync('cp', ['-a', `${template}/.`, dir], { encoding: 'utf8' });
    if (copy.status !== 0) throw new Error(`copying the wine prefix template failed: ${copy.stderr}`);
  } else {
    origin = `booted in ${bootWinePrefix(dir).toFixed(1)} s (wineboot -i)`;
  }

  const hostPath = (windowsPath: string) => {
    const m = /^([A-Za-z]):\\?(.*)$/.exec(windowsPath.trim());
    if (!m || m[1]!.toUpperCase() !== 'C') throw new Error(`not a C: path: ${windowsPath}`);
    return path.join(dir, 'drive_c', ...m[2]!.split('\\').filter(Boolean));
  };
  const regQuery = (args: string[]) => run(['reg', 'query', ...args]);
  const expanded = new Map<string, string>();
  return {
    dir,
    origin,
    env,
    run,
    hostPath,
    regValue(key, name) {
      const r = regQuery([key, '/v', name]);
      if (r.status !== 0) return null;
      const line = r.stdout.split(/\r?\n/).find((l) => l.trim().startsWith(`${name} `));
      const m = line ? /^\s*\S+\s+REG_\w+\s+(.*)$/.exec(line) : null;
      return m ? m[1]!.trimEnd() : null;
    },
    regKeyExists(key) {
      return regQuery([key]).status === 0;
    },
    expand(variable) {
      if (!expanded.has(variable)) expanded.set(variable, run(['cmd', '/c', `echo %${variable}%`]).stdout.trim());
      return expanded.get(variable)!;
    },
    dispose() {
      // Stops this prefix's wineserver only (WINEPREFIX selects it), then removes the prefix.
      spawnSync('wineserver', ['-k'], { env, timeout: 30_000 });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
