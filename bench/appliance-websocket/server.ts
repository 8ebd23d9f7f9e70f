/**
 * The benchmark's server child: the real appliance in this process (with N sessions written
 * straight into its database, spread over users), the appliance on two workers started as a user
 * starts it (./workers-server.ts), or a bare `ws` server. It answers the parent's IPC requests:
 * measure RSS after a full GC, and broadcast one `site.updated` to every connection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildAppliance } from '../../src-appliance/server.js';
import { configFromEnv } from '../../src-appliance/config.js';
import { insertSessions } from './bench-sessions.js';
import { startApplianceWorkers } from './workers-server.js';
import { type FromServer, type ServerKind, stamp, type ToServer } from './protocol.js';

const kind = process.argv[2] as ServerKind;
const sessions = Number(process.argv[3]);
const send = (m: FromServer) => process.send!(m);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function startAppliance(): Promise<{ url: string; tokens: string[]; broadcast: () => void }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-bench-'));
  const config = {
    ...configFromEnv({}),
    host: '127.0.0.1',
    port: 0,
    dataDir,
    adminUsername: 'admin',
    adminPassword: 'Bench-Admin-Passw0rd',
    logLevel: 'silent',
  };
  const appliance = await buildAppliance(config, { logger: false });
  const url = await appliance.listen();
  const tokens = await insertSessions(appliance.ctx.db, sessions);
  // Instrumentation only: note when the hub's send loop returns.
  const hub = appliance.ctx.events;
  const toAll = hub.toAll.bind(hub);
  hub.toAll = (event) => {
    const loopStart = stamp();
    const n = toAll(event);
    send({ op: 'broadcast-sent', at: stamp(), loopStart });
    return n;
  };
  return { url, tokens, broadcast: () => appliance.ctx.domain.emit('site.changed', {}) };
}

async function startBare(): Promise<{ url: string; broadcast: () => void }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 64 * 1024 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const peers = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    peers.add(socket);
    socket.once('close', () => peers.delete(socket));
  });
  // A payload shaped and sized like the appliance's site.updated.
  const site = {
    site_name: 'Support Appliance',
    software_version: '1.0.0',
    console_version: '1.0.0',
    languages: ['en', 'de'],
    default_language: 'en',
    password_policy: {
      min_password_length: 8,
      max_password_length: 1024,
      require_complex_passwords: false,
      block_common_passwords: true,
      password_history: 0,
    },
    password_reset_enabled: true,
    public_url: 'http://127.0.0.1:8080',
  };
  const { port } = wss.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    broadcast: () => {
      const data = JSON.stringify({ type: 'site.updated', data: { site } });
      const loopStart = stamp();
      for (const p of peers) p.send(data);
      send({ op: 'broadcast-sent', at: stamp(), loopStart });
    },
  };
}

interface BenchServer {
  url: string;
  tokens?: string[];
  /** Memory of the process(es) serving the sockets; default: this process after a full GC. */
  measure?: () => { rss: number; heapUsed: number; external: number };
  broadcast: () => void | Promise<{ loopStart: number; at: number }>;
  stop?: () => Promise<void>;
}

const server: BenchServer =
  kind === 'appliance-2-workers'
    ? await startApplianceWorkers(sessions, 2)
    : kind === 'appliance'
      ? await startAppliance()
      : await startBare();
const wsUrl = server.url.replace(/^http/, 'ws') + (kind === 'bare' ? '' : '/api/events');
send({ op: 'ready', url: wsUrl, tokens: server.tokens ?? null });

process.on('message', (m: ToServer) => {
  if (m.op === 'measure') {
    gc();
    gc();
    const mem = server.measure?.() ?? process.memoryUsage();
    send({ op: 'measured', rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external, connections: 0 });
  } else if (m.op === 'broadcast') {
    const at = stamp();
    const sent = server.broadcast();
    send({ op: 'broadcast-started', at });
    // Another process sends: the "send loop" is then the request that made the change.
    if (sent) void sent.then((s) => send({ op: 'broadcast-sent', ...s }));
  } else if (m.op === 'stop') {
    void (server.stop?.() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
