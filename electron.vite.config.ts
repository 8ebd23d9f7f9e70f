/**
 * `npx electron-vite build` → out/main/index.js (ESM), out/preload/index.cjs (one CommonJS file:
 * sandboxed preloads cannot load ES modules or chunks) and out/renderer/ (the renderer's own Vite
 * config, src-renderer/vite.config.ts, so the desktop and web builds are the same files).
 * Needs no Electron binary: electron-vite reads only electron's package.json for its version.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import rendererConfig from './src-renderer/vite.config.js';

/** Output folder (tests build into a temporary one). */
const out = process.env.CONSOLE_OUT_DIR ? resolve(process.env.CONSOLE_OUT_DIR) : resolve('out');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(out, 'main'),
      rolldownOptions: { input: { index: resolve('src-main/electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(out, 'preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      outDir: resolve(out, 'renderer'),
      rolldownOptions: {
        ...rendererConfig.build?.rolldownOptions,
        input: { index: resolve('src-renderer/index.html') },
      },
    },
  },
});
