/**
 * The e2e project's one renderer build: every e2e file serves the same `vite build` output (the
 * files only read it), so it is built once before them instead of once per file.
 */
import fs from 'node:fs';
import { type TestProject } from 'vitest/node';
import { buildRenderer } from './browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder with the built renderer (index.html, assets/). */
    rendererDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = await buildRenderer();
  project.provide('rendererDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
