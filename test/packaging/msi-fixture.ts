/** Builds the console MSI from a small app folder made by the test, through `npm run dist:msi`. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_EXE = 'Support Technician Console.exe';

/** A stand-in for electron-builder's win-unpacked folder; file contents carry the version. */
export function makeAppFolder(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msi-app-'));
  const write = (rel: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  };
  write(APP_EXE, `console executable ${version}`);
  write('resources/app.asar', `app archive ${version}`);
  write('locales/de.pak', 'de');
  write("licenses/R&D 'notes'.txt", 'a file name that needs XML escaping');
  return dir;
}

export interface DistMsiResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Adds a file to an app folder (e.g. one with a name Windows refuses). */
export function addFile(appDir: string, rel: string, content = ''): void {
  fs.mkdirSync(path.dirname(path.join(appDir, rel)), { recursive: true });
  fs.writeFileSync(path.join(appDir, rel), content);
}

export function runDistMsi(args: string[]): DistMsiResult {
  const r = spawnSync('npm', ['run', '--silent', 'dist:msi', '--', ...args], {
    cwd: process.cwd(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function buildTestMsi(version: string, outDir: string, extra: string[] = []): string {
  const app = makeAppFolder(version);
  const r = runDistMsi(['--app-dir', app, '--version', version, '--arch', 'x64', '--out-dir', outDir, ...extra]);
  if (r.status !== 0) throw new Error(`dist:msi failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split('\n').pop()!;
}

/** `msiinfo export <msi> <table>` as rows of cells (header lines dropped). */
export function msiTable(msi: string, table: string): string[][] {
  const text = execFileSync('msiinfo', ['export', msi, table], { encoding: 'utf8' });
  return text
    .split(/\r?\n/)
    .slice(3)
    .filter(Boolean)
    .map((l) => l.split('\t'));
}

export function msiProperties(msi: string): Map<string, string> {
  return new Map(msiTable(msi, 'Property').map(([k, v]) => [k!, v ?? '']));
}
