/**
 * The packaging project's wine prefix template: booted once (`wineboot -i`), copied by each test
 * file (./wine.ts), removed after the project.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { type TestProject } from 'vitest/node';
import { bootWinePrefix } from './wine.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A booted wine prefix to copy; empty when none was made. */
    winePrefixTemplate: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wineprefix-template-'));
  const seconds = bootWinePrefix(dir);
  console.log(`wine prefix template booted in ${seconds.toFixed(1)} s (${dir})`);
  project.provide('winePrefixTemplate', dir);
  return () => {
    spawnSync('wineserver', ['-k'], { env: { ...process.env, WINEPREFIX: dir }, timeout: 30_000 });
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
