import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Tests by runtime (see docs/architecture.md, "Tests"):
 *   test/shared     pure contract code (Node)
 *   test/tooling    the repository's own scripts (set-up of npm start / npm test)
 *   test/appliance  the real appliance over HTTP/WebSocket, real SQLite files, real SMTP
 *                   (project appliance-pg: the same tests on a real PostgreSQL)
 *   test/main       the Electron main process under Node, Electron mocked at its boundary only
 *   test/renderer   React components in a DOM (happy-dom)
 *   test/e2e        the built renderer in real Chromium against the real appliance
 *   test/packaging  MSI (wixl/msiinfo), NSIS include under wine
 */
export default defineConfig({
  test: {
    // Vitest's default (cores - 1) runs one file at a time on a 2-core machine, while most files
    // spend their time waiting on child processes, Chromium or wine rather than on a core.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    reporters: ['default', './test/support/summary-reporter.ts'],
    setupFiles: ['./test/support/assertion-count.ts'],
    projects: [
      // Reading the whole tree (the layering and import-cycle checks) takes seconds on a busy machine.
      {
        extends: true,
        test: { name: 'shared', include: ['test/shared/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'tooling', include: ['test/tooling/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'appliance',
          include: ['test/appliance/**/*.test.ts'],
          environment: 'node',
          // Tests that start appliance processes (tsx compiling the appliance) take a minute or more
          // while the other projects load both cores; these are limits against hangs, not timings.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'appliance-pg',
          // The appliance tests again, on PostgreSQL: one throwaway cluster for the run.
          include: ['test/appliance/**/*.test.ts'],
          environment: 'node',
          env: { APPLIANCE_TEST_ENGINE: 'postgres' },
          globalSetup: ['./test/support/postgres-global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/main/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['./test/renderer/support/load-typebox.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/e2e/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'packaging',
          include: ['test/packaging/**/*.test.ts'],
          globalSetup: ['./test/packaging/global-setup.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
