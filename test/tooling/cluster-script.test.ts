/**
 * `npm run cluster` (scripts/cluster/main.ts) on PostgreSQL, run as a user runs it: a child process
 * group of its own, so the test's SIGINT is the Ctrl+C of a terminal (every process of the group
 * gets it). It prints the site's URL; a login through nginx there is a session on both nodes, each
 * node is ready; after Ctrl+C nothing it started is left: no process, no listening port, no folder
 * (its temporary folders are made under a TMPDIR of the test's own).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accepting } from '../../scripts/cluster/nginx.js';
import { SQLITE_FILE } from '../../src-appliance/db/sqlite-engine.js';
import { ADMIN, tempDir } from '../support/appliance.js';
import { call, tokenFor } from '../support/api-client.js';
import { ADMIN_ENV } from '../support/child-appliance.js';
import { waitUntil } from '../support/test-database.js';

const PRINTED =
  /Site of two nodes \((http:\/\/\S+), (http:\/\/\S+)\) on PostgreSQL behind nginx:\s+(http:\/\/localhost:(\d+))\/console\//;

/** Is anything of this process group still running? */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `pid args` of the processes of this group. */
function psOfGroup(pgid: number): string[] {
  if (!groupAlive(pgid)) return [];
  return execFileSync('ps', ['-o', 'pid=,args=', '-g', String(pgid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * `pid args` of the processes whose command line names `dir`: nginx and PostgreSQL's postmaster,
 * which runs outside the group (pg_ctl starts it in a session of its own).
 */
function processesNaming(dir: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(dir));
}

/** After a failure: Ctrl+C, then SIGKILL for whatever of the run is still there. */
async function cleanUp(pgid: number, exited: Promise<unknown>, tmp: string): Promise<void> {
  if (groupAlive(pgid)) {
    process.kill(-pgid, 'SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  }
  if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  for (const line of processesNaming(tmp)) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
}

describe('npm run cluster', () => {
  it('prints the URL of two nodes on PostgreSQL behind nginx, both serve one site, and Ctrl+C leaves nothing behind', async () => {
    const tmp = tempDir('cluster-script-');
    fs.chmodSync(tmp, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its folder in here
    const child = spawn('npm', ['run', 'cluster'], {
      cwd: path.resolve('.'),
      env: { ...process.env, ...ADMIN_ENV, TMPDIR: tmp, CLUSTER_PORT: '', APPLIANCE_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const pgid = child.pid!;
    try {
      await waitUntil(() => PRINTED.test(out) || child.exitCode !== null, 'the printed URL', 150_000);
      const [, nodeA, nodeB, printed, nginxPort] = PRINTED.exec(out) ?? [];
      expect(printed, out).toBeDefined();
      // The same site on the loopback address the URL names (nginx listens on 127.0.0.1 only).
      const site = { url: `http://127.0.0.1:${nginxPort}` };

      const token = await tokenFor(site, ADMIN.username, ADMIN.password);
      expect((await call(site, 'GET', '/api/account', { token })).body.username).toBe(ADMIN.username);
      for (const node of [nodeA!, nodeB!]) {
        const ready = await call({ url: node }, 'GET', '/api/health/ready');
        expect([ready.status, ready.body]).toEqual([200, { status: 'ready' }]);
        // A session made through the balancer is one on each node: they share one database.
        const account = await call({ url: node }, 'GET', '/api/account', { token });
        expect([account.status, account.body.username]).toEqual([200, ADMIN.username]);
      }
      // On PostgreSQL: the shared data folder holds no SQLite database.
      const [work] = fs.readdirSync(tmp).filter((f) => f.startsWith('appliance-cluster-'));
      expect(fs.readdirSync(path.join(tmp, work!, 'shared-data'))).not.toContain(SQLITE_FILE);

      const postmaster = processesNaming(tmp).find((line) => /\/postgres -D /.test(line));
      const pgPort = Number(/ -p (\d+)/.exec(postmaster ?? '')?.[1]);
      const ports = [Number(nginxPort), Number(new URL(nodeA!).port), Number(new URL(nodeB!).port), pgPort];
      for (const port of ports) expect(await accepting(port)).toBe(true);

      // Ctrl+C: npm itself ends on the signal; the script drains the nodes and stops the rest.
      process.kill(-pgid, 'SIGINT');
      await exited;
      const left = () => [...psOfGroup(pgid), ...processesNaming(tmp)];
      await waitUntil(() => left().length === 0, 'every process gone', 60_000).catch((err: Error) => {
        throw new Error(`${err.message}: ${left().join(' | ')}\n${out}`);
      });
      for (const port of ports) expect(await accepting(port), `port ${port}`).toBe(false);
      // What is left is tsx's compile cache (tsx-<uid>, kept between runs by design), nothing of the script's.
      expect(fs.readdirSync(tmp).filter((f) => !/^tsx-\d+$/.test(f))).toEqual([]);
      expect(out).toMatch(/Draining the nodes and stopping/);
    } finally {
      await cleanUp(pgid, exited, tmp);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 180_000);
});
