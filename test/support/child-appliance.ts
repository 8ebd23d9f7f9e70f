/**
 * The appliance as a child process (`node --import tsx src-appliance/cli/main.ts`, what `npm run
 * appliance` runs, without npx in between so SIGKILL reaches the appliance itself). Keeps all of
 * its stdout so tests can read the start line and the printed first-admin password.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN } from './appliance.js';
import { databaseUrlFor } from './test-database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The environment that makes the first start create the test's known admin (else a random password is printed). */
export const ADMIN_ENV = { APPLIANCE_ADMIN_USERNAME: ADMIN.username, APPLIANCE_ADMIN_PASSWORD: ADMIN.password };

export interface ChildAppliance {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (clean stop), then wait for the exit. */
  stop(): Promise<void>;
}

export async function startChildAppliance(
  dataDir: string,
  env: Record<string, string | undefined> = {},
): Promise<ChildAppliance> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    APPLIANCE_DATA_DIR: dataDir,
    APPLIANCE_PORT: '0',
    APPLIANCE_HOST: '127.0.0.1',
    APPLIANCE_LOG_LEVEL: 'warn',
    // One process unless a test asks for workers (the product's default is one per core).
    APPLIANCE_WORKERS: '1',
  };
  delete childEnv.APPLIANCE_ADMIN_USERNAME;
  delete childEnv.APPLIANCE_ADMIN_PASSWORD;
  // The database of this data directory: its SQLite file, or its own database in the appliance-pg project.
  const databaseUrl = await databaseUrlFor(dataDir);
  if (databaseUrl) childEnv.APPLIANCE_DATABASE_URL = databaseUrl;
  else delete childEnv.APPLIANCE_DATABASE_URL;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-appliance/cli/main.ts')], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`appliance did not start: ${out}`)), 120_000);
    const poll = setInterval(() => {
      const m = /listening on (http:\/\/\S+)/i.exec(out);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]!);
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`appliance exited (${code}): ${out}`));
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, output: () => out, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
