/**
 * Account reads: authenticated `GET /api/account` requests/s and p99 with 100 connections
 * (autocannon), as a ratio to a bare Fastify route (`GET /bare` answering the same account JSON
 * from memory) in the same process setup, measured in the same run. Both servers live in this
 * process; autocannon runs as its own process (its CLI), so the load generator does not share the
 * servers' event loop. For information, the same constant is also served by a route on the appliance
 * itself (its plugins and hooks, no session, no database). They are measured alternately, three rounds; the goals use the median of the
 * per-round ratios (bare and account run back to back) and the median p99. Goals: ratio >= 0.5, p99 <= 20 ms.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { ADMIN, startTestAppliance } from '../test/support/appliance.js';
import { features, type Feature } from '../src-appliance/features.js';
import { type BenchResult } from './lib/result.js';

const CONNECTIONS = 100;
const SECONDS = 5;
const ROUNDS = 3;
const autocannonBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/autocannon');

interface Run {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function load(url: string, headers: string[], seconds = SECONDS): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(autocannonBin, [
      '-c',
      String(CONNECTIONS),
      '-d',
      String(seconds),
      '-j',
      ...headers.flatMap((h) => ['-H', h]),
      url,
    ]);
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

export default async function accountBench(): Promise<BenchResult> {
  let cannedAccount: unknown = null;
  // The same constant JSON, served by a route on the appliance itself (same plugins and hooks, no auth, no database).
  const inAppliance: Feature = {
    name: 'bench-bare-route',
    dependencies: [],
    register(app) {
      app.get('/bench/bare', { schema: { hide: true } }, async () => cannedAccount);
    },
  };
  const appliance = await startTestAppliance(
    {},
    { features: [...features, inAppliance], productionPasswordHashing: true },
  );
  const login = await fetch(`${appliance.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password, client: 'console' }),
  });
  const { token, account } = (await login.json()) as { token: string; account: unknown };
  cannedAccount = account;
  const auth = [`authorization=Bearer ${token}`];
  const accountUrl = `${appliance.url}/api/account`;

  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => account);
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;

  await load(accountUrl, auth, 1); // warm-up: JIT, statement cache
  await load(bareUrl, [], 1);
  const accountRuns: Run[] = [];
  const bareRuns: Run[] = [];
  const sameServerRuns: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    bareRuns.push(await load(bareUrl, []));
    accountRuns.push(await load(accountUrl, auth));
    sameServerRuns.push(await load(`${appliance.url}/bench/bare`, []));
  }
  await bare.close();
  await appliance.close();

  const best = (runs: Run[]) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const acc = best(accountRuns);
  const base = best(bareRuns);
  // Each round runs bare then account back to back: the per-round ratio cancels the machine's drift.
  const roundRatios = accountRuns.map((a, i) => a.rps / bareRuns[i]!.rps);
  const ratio = median(roundRatios);
  const p99 = median(accountRuns.map((r) => r.p99));
  const row = (route: string, r: Run, all: Run[]) => ({
    route,
    'best req/s': Math.round(r.rps),
    'p99 ms (that run)': r.p99,
    'all runs req/s (p99 ms)': all.map((x) => `${Math.round(x.rps)} (${x.p99})`).join(', '),
    non2xx: all.reduce((n, x) => n + x.non2xx, 0),
    errors: all.reduce((n, x) => n + x.errors, 0),
  });
  return {
    rows: [
      row('GET /api/account (bearer session)', acc, accountRuns),
      row('GET /bare (plain Fastify)', base, bareRuns),
      row('GET /bench/bare (same constant, on the appliance)', best(sameServerRuns), sameServerRuns),
      { route: `per-round ratio account ÷ bare: ${roundRatios.map((r) => r.toFixed(3)).join(', ')}` },
      { route: `machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}` },
    ],
    goals: [
      {
        name: 'account req/s ÷ bare Fastify req/s (median of rounds)',
        value: Number(ratio.toFixed(3)),
        target: '>= 0.5',
        met: ratio >= 0.5 && accountRuns.every((r) => r.non2xx === 0),
      },
      {
        name: '(info) account req/s ÷ constant route on the appliance',
        value: Number((acc.rps / best(sameServerRuns).rps).toFixed(3)),
        target: 'info',
        met: true,
      },
      { name: 'account p99 latency, ms (median of rounds)', value: p99, target: '<= 20', met: p99 <= 20 },
    ],
  };
}
