/**
 * The appliance with APPLIANCE_WORKERS=2, started as a user starts it (`src-appliance/cli/main.ts`,
 * its own process tree, default logging to a file), for the fan-out over two workers: the node:cluster
 * primary hands the sockets round-robin to the two workers. The data folder is made first (the
 * sessions written straight into its SQLite file), then the appliance starts on it.
 * The event is what an administrator does: `PUT /api/admin/security` on whichever worker the
 * request reaches; that worker tells its own sockets, the other hears it through the database
 * (events/event-relay.ts). So "broadcast started" is the moment the request is sent, and memory is
 * the RSS of the whole process tree (primary and workers, no forced GC: it cannot be asked of them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAppliance } from '../../src-appliance/server.js';
import { configFromEnv } from '../../src-appliance/config.js';
import { startServerProcess, userEnv } from '../lib/server-process.js';
import { insertSessions } from './bench-sessions.js';
import { stamp } from './protocol.js';

const ADMIN = { username: 'admin', password: 'Bench-Admin-Passw0rd' };
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Resident memory of a process and all its descendants (Linux /proc), bytes. */
function treeRss(pid: number): number {
  let rss = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/) : []) rss += treeRss(Number(child));
    }
  } catch {
    // A process that just ended holds no memory.
  }
  return rss;
}

export async function startApplianceWorkers(sessions: number, workers: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-bench-workers-'));
  const setup = await buildAppliance(
    {
      ...configFromEnv({}),
      dataDir,
      adminUsername: ADMIN.username,
      adminPassword: ADMIN.password,
      logLevel: 'silent',
    },
    { logger: false },
  );
  const tokens = await insertSessions(setup.ctx.db, sessions);
  await setup.close();

  const appliance = await startServerProcess(
    path.join(root, 'src-appliance/cli/main.ts'),
    userEnv({
      APPLIANCE_DATA_DIR: dataDir,
      APPLIANCE_HOST: '127.0.0.1',
      APPLIANCE_PORT: '0',
      APPLIANCE_WORKERS: String(workers),
    }),
    root,
  );
  const login = await fetch(`${appliance.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...ADMIN, client: 'console' }),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  let resetEnabled = false;

  return {
    url: appliance.url,
    tokens,
    measure: () => ({ rss: treeRss(appliance.child.pid!), heapUsed: 0, external: 0 }),
    /** Resolves with the request's start and answer times once the change is saved. */
    async broadcast(): Promise<{ loopStart: number; at: number }> {
      resetEnabled = !resetEnabled;
      const loopStart = stamp();
      const res = await fetch(`${appliance.url}/api/admin/security`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ password_reset_enabled: resetEnabled }),
      });
      if (res.status !== 200) throw new Error(`security change failed: ${res.status} ${await res.text()}`);
      return { loopStart, at: stamp() };
    },
    stop: () => appliance.stop(),
  };
}
