/**
 * The renderer build: `npm run build:renderer` → out/renderer, relative asset paths (`base: './'`)
 * so the same files load from the appliance at /console/ and from the desktop console's files.
 * No inline scripts (the appliance's CSP forbids them): the modulepreload polyfill is off, since
 * every browser the console supports has modulepreload.
 *
 * Everything main.tsx imports goes into one `start` chunk. Left alone, Rolldown splits the modules
 * the login screen shares with the lazy My Account chunks into four small common chunks, and the
 * extra requests and module instantiations delayed the login screen's first paint by about 8 ms
 * (`npm run bench -- renderer`). My Account and the other lazy screens stay separate chunks, and so
 * does @simplewebauthn/browser (`webauthn`).
 */
/* eslint-disable no-restricted-imports -- this file is the build config, run by Node, not renderer code */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, '../out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'start', test: /src-renderer[\\/]main\.tsx$/, includeDependenciesRecursively: true },
            // Loaded when a passkey ceremony starts, or after the login screen's first paint for autofill.
            { name: 'webauthn', test: /node_modules[\\/]@simplewebauthn[\\/]browser[\\/]/ },
          ],
        },
      },
    },
  },
  logLevel: 'warn',
});
