/**
 * Account reads: authenticated `GET /api/account` requests/s with 100 connections (autocannon, its
 * own process), the appliance started as a user starts it (`src-appliance/cli/main.ts`, default
 * logging to a file, its own process), as a ratio to a bare Fastify route answering the same
 * account JSON from memory, started the same way with the same number of processes. Each case runs
 * three rounds of bare-then-appliance back to back; its figure is the median of the per-round
 * ratios, which cancels the machine's drift.
 * Goals: SQLite, one worker ≥ 0.6; PostgreSQL, one worker ≥ 0.5; SQLite, two workers (against
 * bare Fastify on two) ≥ 0.6; p99 ≤ 20 ms for SQLite on one worker.
 * `BENCH_ACCOUNT_CASES=SQLite` (a part of the case names) runs only the matching cases.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN } from '../test/support/appliance.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';
import { type BenchResult } from './lib/result.js';
import { startServerProcess, type ServerProcess, userEnv } from './lib/server-process.js';

const CONNECTIONS = 100;
const SECONDS = 5;
const ROUNDS = 3;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const autocannonBin = path.join(root, 'node_modules/.bin/autocannon');

interface Run {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function load(url: string, headers: string[], seconds = SECONDS): Promise<Run> {
  return new Promise((resolve, reject) => {
    const args = ['-c', String(CONNECTIONS), '-d', String(seconds), '-j', ...headers.flatMap((h) => ['-H', h]), url];
    const child = spawn(autocannonBin, args);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        const r = JSON.parse(out) as {
          requests: { average: number };
          latency: { p99: number };
          non2xx: number;
          errors: number;
        };
        resolve({ rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors });
      } catch (err) {
        reject(new Error(`autocannon output unreadable: ${String(err)} ${out.slice(0, 200)}`));
      }
    });
  });
}

async function startAppliance(workers: number, databaseUrl: string | null): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-account-'));
  return startServerProcess(
    path.join(root, 'src-appliance/cli/main.ts'),
    userEnv({
      APPLIANCE_DATA_DIR: dataDir,
      APPLIANCE_HOST: '127.0.0.1',
      APPLIANCE_PORT: '0',
      APPLIANCE_WORKERS: String(workers),
      APPLIANCE_ADMIN_USERNAME: ADMIN.username,
      APPLIANCE_ADMIN_PASSWORD: ADMIN.password,
      ...(databaseUrl ? { APPLIANCE_DATABASE_URL: databaseUrl } : {}),
    }),
    root,
  );
}

interface Case {
  name: string;
  workers: number;
  postgres: boolean;
  goal: number;
}

const CASES: Case[] = [
  { name: 'SQLite, 1 worker', workers: 1, postgres: false, goal: 0.6 },
  { name: 'PostgreSQL, 1 worker', workers: 1, postgres: true, goal: 0.5 },
  { name: 'SQLite, 2 workers', workers: 2, postgres: false, goal: 0.6 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(c: Case, databaseUrl: string | null) {
  const appliance = await startAppliance(c.workers, databaseUrl);
  let bare: ServerProcess | null = null;
  try {
    const login = await fetch(`${appliance.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password, client: 'console' }),
    });
    const { token, account } = (await login.json()) as { token: string; account: unknown };
    const auth = [`authorization=Bearer ${token}`];
    bare = await startServerProcess(
      path.join(root, 'bench/lib/bare-fastify-server.ts'),
      userEnv({ BARE_WORKERS: String(c.workers), BARE_ACCOUNT_JSON: JSON.stringify(account) }),
      root,
    );
    await load(`${appliance.url}/api/account`, auth, 2); // warm-up: JIT, caches, statement cache
    await load(`${bare.url}/api/account`, [], 2);
    const rounds: { bare: Run; appliance: Run }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const b = await load(`${bare.url}/api/account`, []);
      rounds.push({ bare: b, appliance: await load(`${appliance.url}/api/account`, auth) });
    }
    const logBytes = fs.statSync(appliance.logFile).size;
    return { rounds, logBytes };
  } finally {
    await bare?.stop();
    await appliance.stop();
  }
}

export default async function accountBench(): Promise<BenchResult> {
  const postgres = await startPostgresCluster();
  const rows: BenchResult['rows'] = [];
  const goals: BenchResult['goals'] = [];
  try {
    const only = process.env.BENCH_ACCOUNT_CASES;
    for (const c of CASES.filter((x) => !only || x.name.includes(only))) {
      const { rounds, logBytes } = await measure(c, c.postgres ? postgres.adminUrl : null);
      const ratios = rounds.map((r) => r.appliance.rps / r.bare.rps);
      const ratio = median(ratios);
      const p99 = median(rounds.map((r) => r.appliance.p99));
      const failed = rounds.reduce((n, r) => n + r.appliance.non2xx + r.appliance.errors, 0);
      rows.push({
        case: c.name,
        'appliance req/s per round': rounds.map((r) => Math.round(r.appliance.rps)).join(', '),
        'bare req/s per round': rounds.map((r) => Math.round(r.bare.rps)).join(', '),
        ratios: ratios.map((r) => r.toFixed(3)).join(', '),
        'appliance p99 ms': p99,
        'log written, MiB': (logBytes / 2 ** 20).toFixed(1),
        'non-2xx + errors': failed,
      });
      goals.push({
        name: `${c.name}: account req/s ÷ bare Fastify req/s (median of rounds)`,
        value: Number(ratio.toFixed(3)),
        target: `>= ${c.goal}`,
        met: ratio >= c.goal && failed === 0,
      });
      if (c.workers === 1 && !c.postgres) {
        goals.push({
          name: `${c.name}: account p99 latency, ms (median of rounds)`,
          value: p99,
          target: '<= 20',
          met: p99 <= 20,
        });
      }
    }
  } finally {
    postgres.stop();
  }
  rows.push({ case: `machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}` });
  return { rows, goals };
}
