/**
 * Runs the appliance as a separate process (`tsx src-appliance/cli/main.ts`), so a test can
 * SIGKILL it mid-request and start it again on the same data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN } from '../support/appliance.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ApplianceProcess {
  url: string;
  child: ChildProcess;
  kill(): Promise<void>;
}

export async function spawnAppliance(dataDir: string, env: Record<string, string> = {}): Promise<ApplianceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-appliance/cli/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      APPLIANCE_DATA_DIR: dataDir,
      APPLIANCE_PORT: '0',
      APPLIANCE_HOST: '127.0.0.1',
      APPLIANCE_ADMIN_USERNAME: ADMIN.username,
      APPLIANCE_ADMIN_PASSWORD: ADMIN.password,
      APPLIANCE_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`appliance did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/i.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`appliance exited (${code}): ${out}`)));
  });
  return {
    url,
    child,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
