/**
 * Live-event fan-out: 10,000 concurrent authenticated WebSocket connections to `GET /api/events` of one
 * appliance process, and of the appliance on two workers (APPLIANCE_WORKERS=2, started as a user
 * starts it, the sockets spread over both: ./appliance-websocket/workers-server.ts), with the clients
 * in another process. Measured: server RSS per connection (RSS after
 * a full GC, connected minus before), and the time for one `site.updated` to reach every client
 * (from the server emitting it to the last client receiving it; both processes stamp with the
 * same wall clock). Beside it, a bare `ws` server measured the same way in the same run.
 * On two workers the event is an administrator's `PUT /api/admin/security`, timed from sending it,
 * and memory is the RSS of the primary and both workers (no forced GC there).
 * Sessions are written straight into the appliance's SQLite file (10 per user), not logged in.
 * Goals, for each: <= 12 KiB per connection, <= 0.5 s to reach all.
 * `BENCH_WS_CASES=workers` (a part of the case names) runs only the matching appliance cases.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchResult } from './lib/result.js';
import {
  type FromClients,
  type FromServer,
  type ServerKind,
  type ToClients,
  type ToServer,
} from './appliance-websocket/protocol.js';

const CONNECTIONS = Number(process.env.WS_BENCH_CONNECTIONS ?? 10_000);
const ROUNDS = 7;
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'appliance-websocket');

function child(script: string, args: string[]): ChildProcess {
  // WS_BENCH_PROFILE=<dir> writes a CPU profile of each server child there (to see where time goes).
  const profile =
    script === 'server.ts' && process.env.WS_BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WS_BENCH_PROFILE}`]
      : [];
  return fork(path.join(dir, script), args, {
    execArgv: ['--import', 'tsx', '--expose-gc', ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function next<T extends { op: string }>(proc: ChildProcess, op: T['op'], timeoutMs = 300_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${op}`)), timeoutMs);
    const onMessage = (m: T) => {
      if (m.op !== op) return;
      clearTimeout(timer);
      proc.off('message', onMessage);
      resolve(m);
    };
    proc.on('message', onMessage);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Scenario {
  kind: ServerKind;
  connected: number;
  failed: number;
  connectMs: number;
  bytesPerConnection: number;
  heapPerConnection: number;
  deliveryMs: number[];
  sendLoopMs: number[];
  prepMs: number[];
}

async function measure(server: ChildProcess) {
  const got = next<Extract<FromServer, { op: 'measured' }>>(server, 'measured');
  server.send({ op: 'measure' } satisfies ToServer);
  return got;
}

async function run(kind: ServerKind): Promise<Scenario> {
  const server = child('server.ts', [kind, String(CONNECTIONS)]);
  const clients = child('clients.ts', []);
  try {
    const ready = await next<Extract<FromServer, { op: 'ready' }>>(server, 'ready');
    await sleep(500);
    const before = await measure(server);
    const connectedP = next<Extract<FromClients, { op: 'connected' }>>(clients, 'connected');
    clients.send({ op: 'connect', url: ready.url, tokens: ready.tokens, count: CONNECTIONS } satisfies ToClients);
    const connected = await connectedP;
    await sleep(1000);
    const after = await measure(server);

    const deliveryMs: number[] = [];
    const sendLoopMs: number[] = [];
    const prepMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const armed = next(clients, 'armed');
      clients.send({ op: 'expect-broadcast', round } satisfies ToClients);
      await armed;
      const started = next<Extract<FromServer, { op: 'broadcast-started' }>>(server, 'broadcast-started');
      const sent = next<Extract<FromServer, { op: 'broadcast-sent' }>>(server, 'broadcast-sent');
      const done = next<Extract<FromClients, { op: 'all-received' }>>(clients, 'all-received', 60_000);
      server.send({ op: 'broadcast' } satisfies ToServer);
      const [s, l, d] = await Promise.all([started, sent, done]);
      deliveryMs.push(d.at - s.at);
      sendLoopMs.push(l.at - l.loopStart);
      prepMs.push(l.loopStart - s.at);
      await sleep(300);
    }
    return {
      kind,
      connected: connected.count,
      failed: connected.failed,
      connectMs: connected.ms,
      bytesPerConnection: (after.rss - before.rss) / connected.count,
      heapPerConnection: (after.heapUsed - before.heapUsed) / connected.count,
      deliveryMs,
      sendLoopMs,
      prepMs,
    };
  } finally {
    // The server goes first, so the TIME_WAIT sockets sit on its side of the loopback.
    server.send({ op: 'stop' } satisfies ToServer);
    // The two-worker child stops the appliance it started first (a drain of 10,000 sockets).
    const exited = new Promise((r) => server.once('exit', r));
    await Promise.race([exited, sleep(kind === 'appliance-2-workers' ? 30_000 : 200)]);
    if (process.env.WS_BENCH_PROFILE) await sleep(3000);
    server.kill('SIGKILL');
    clients.kill('SIGKILL');
    await sleep(500);
  }
}

const CASES: { kind: ServerKind; name: string }[] = [
  { kind: 'appliance', name: 'appliance /api/events, 1 process' },
  { kind: 'appliance-2-workers', name: 'appliance /api/events, 2 workers' },
];

export default async function applianceWebsocketBench(): Promise<BenchResult> {
  const only = process.env.BENCH_WS_CASES;
  const bare = await run('bare');
  const kib = (b: number) => Math.round((b / 1024) * 100) / 100;
  const row = (name: string, s: Scenario) => ({
    server: name,
    connections: s.connected,
    failed: s.failed,
    'connect s': Math.round(s.connectMs / 100) / 10,
    'RSS KiB/conn': kib(s.bytesPerConnection),
    'heap KiB/conn': kib(s.heapPerConnection),
    'site.updated to all, median ms': Math.round(median(s.deliveryMs) * 10) / 10,
    'max ms': Math.round(Math.max(...s.deliveryMs) * 10) / 10,
    'server send loop, median ms': Math.round(median(s.sendLoopMs) * 10) / 10,
    'event to loop, median ms': Math.round(median(s.prepMs) * 10) / 10,
  });
  const rows: BenchResult['rows'] = [row('bare ws', bare)];
  const goals: BenchResult['goals'] = [];
  for (const c of CASES.filter((x) => !only || x.name.includes(only))) {
    const appliance = await run(c.kind);
    const perConn = kib(appliance.bytesPerConnection);
    const deliveryS = Math.round(median(appliance.deliveryMs)) / 1000;
    rows.push(row(c.name, appliance), {
      server: `ratio to bare (${c.name})`,
      connections: appliance.connected,
      failed: appliance.failed,
      'connect s': 0,
      'RSS KiB/conn': Math.round((appliance.bytesPerConnection / bare.bytesPerConnection) * 100) / 100,
      'heap KiB/conn': Math.round((appliance.heapPerConnection / bare.heapPerConnection) * 100) / 100,
      'site.updated to all, median ms':
        Math.round((median(appliance.deliveryMs) / median(bare.deliveryMs)) * 100) / 100,
      'max ms': 0,
      'server send loop, median ms': Math.round((median(appliance.sendLoopMs) / median(bare.sendLoopMs)) * 100) / 100,
      'event to loop, median ms': 0,
    });
    goals.push(
      {
        name: `${c.name}: RSS per connection, KiB (bare ws: ${kib(bare.bytesPerConnection)})`,
        value: perConn,
        target: '<= 12',
        met: perConn <= 12 && appliance.connected === CONNECTIONS,
      },
      {
        name: `${c.name}: site.updated to all ${appliance.connected}, s (bare ws: ${Math.round(median(bare.deliveryMs)) / 1000})`,
        value: deliveryS,
        target: '<= 0.5',
        met: deliveryS <= 0.5 && appliance.connected === CONNECTIONS,
      },
    );
  }
  rows.push({ server: `machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}` });
  return { rows, goals };
}
