/**
 * `npm start`: builds the desktop console (electron-vite: main, preload, renderer), starts the
 * appliance in this process (embedded SQLite in APPLIANCE_DATA_DIR, first admin from
 * APPLIANCE_ADMIN_USERNAME/PASSWORD or a random password printed once) and the desktop console
 * bound to it. Where the Electron binary is missing it says so and how to get it, prints the web
 * console URL instead and keeps the appliance running until Ctrl+C.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv } from '../src-appliance/config.js';
import { buildAppliance } from '../src-appliance/server.js';
import { findElectronBinary, GET_ELECTRON_HELP } from './electron-binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(root, process.env.CONSOLE_OUT_DIR || 'out');

function build(): void {
  if (process.env.START_SKIP_BUILD === '1') return;
  console.log('Building the console (electron-vite build)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CONSOLE_OUT_DIR: out },
  });
}

async function main(): Promise<void> {
  build();
  process.env.APPLIANCE_WEB_CONSOLE_DIR ||= path.join(out, 'renderer');
  const config = configFromEnv(process.env);
  const appliance = await buildAppliance(config);
  const url = await appliance.listen();
  console.log(`Appliance listening on ${url} (data: ${config.dataDir})`);
  const webConsole = `${url}/console/`;
  const stop = async (code: number) => {
    await appliance.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const electron = findElectronBinary(root);
  if (!electron.found) {
    console.log(`\nThe desktop console cannot start here: ${electron.reason}.`);
    console.log(GET_ELECTRON_HELP);
    console.log(`\nWeb console: ${webConsole}`);
    console.log('The appliance keeps running; press Ctrl+C to stop it.');
    return;
  }
  console.log(`Starting the desktop console (${electron.path}) bound to ${url}`);
  // `electron .` reads package.json (name, version, "main": out/main/index.js); another out folder is started by file.
  const app = out === path.join(root, 'out') ? '.' : path.join(out, 'main', 'index.js');
  const child = spawn(electron.path, [app, `--site=${url}`], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => void stop(code ?? 0));
  console.log(`Web console: ${webConsole}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
