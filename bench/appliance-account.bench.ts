/**
 * Issue 2 §5: authenticated `GET /api/account` requests/s and p99 with 100 connections (autocannon,
 * in-process), as a ratio to a bare Fastify route (`GET /bare`, a constant JSON of similar size)
 * served by a plain Fastify instance in the same process setup, measured in the same run.
 * Goals: ratio >= 0.5, p99 <= 20 ms. The two are measured alternately, twice each, best run kept,
 * to even out the noise of a shared machine.
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startTestAppliance } from '../test/support/appliance.js';
import { ADMIN } from '../test/support/appliance.js';
import { type BenchResult } from './lib/result.js';

const CONNECTIONS = 100;
const SECONDS = 5;

interface Run { rps: number; p99: number; non2xx: number; errors: number }

async function load(url: string, headers: Record<string, string>): Promise<Run> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

export default async function accountBench(): Promise<BenchResult> {
  const appliance = await startTestAppliance();
  const login = await fetch(`${appliance.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password, client: 'console' }),
  });
  const { token, account } = (await login.json()) as { token: string; account: unknown };

  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => account);
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;

  // Warm-up (JIT, prepared statements), then alternate.
  await autocannon({ url: `${appliance.url}/api/account`, connections: 10, duration: 1, headers: { authorization: `Bearer ${token}` } });
  await autocannon({ url: bareUrl, connections: 10, duration: 1 });
  const accountRuns: Run[] = [];
  const bareRuns: Run[] = [];
  for (let i = 0; i < 2; i++) {
    bareRuns.push(await load(bareUrl, {}));
    accountRuns.push(await load(`${appliance.url}/api/account`, { authorization: `Bearer ${token}` }));
  }
  await bare.close();
  await appliance.close();

  const best = (runs: Run[]) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
  const acc = best(accountRuns);
  const base = best(bareRuns);
  const ratio = acc.rps / base.rps;
  return {
    rows: [
      { route: 'GET /api/account (bearer session)', connections: CONNECTIONS, 'req/s': Math.round(acc.rps), 'p99 ms': acc.p99, non2xx: acc.non2xx, errors: acc.errors },
      { route: 'GET /bare (plain Fastify)', connections: CONNECTIONS, 'req/s': Math.round(base.rps), 'p99 ms': base.p99, non2xx: base.non2xx, errors: base.errors },
    ],
    goals: [
      { name: 'account req/s ÷ bare Fastify req/s', value: Number(ratio.toFixed(3)), target: '>= 0.5', met: ratio >= 0.5 && acc.non2xx === 0 },
      { name: 'account p99 latency (ms)', value: acc.p99, target: '<= 20', met: acc.p99 <= 20 },
    ],
  };
}
