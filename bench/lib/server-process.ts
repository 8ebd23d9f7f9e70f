/**
 * A server under benchmark as its own process, the way a user starts it: its stdout and stderr go
 * to a file (as to a terminal or journald), so its logging costs what it costs in the product.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** The environment of a user's start: nothing of this process's APPLIANCE_* settings leaks in. */
export function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('APPLIANCE_')));
  return { ...env, ...extra };
}

export async function startServerProcess(script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<ServerProcess> {
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-server-')), 'stdout.log');
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 180_000;
  let url: string | null = null;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    if (Date.now() > deadline)
      throw new Error(`${script} did not start: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    url = /listening on (http:\/\/\S+)/i.exec(fs.readFileSync(logFile, 'utf8'))?.[1] ?? null;
    if (!url) await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    logFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
