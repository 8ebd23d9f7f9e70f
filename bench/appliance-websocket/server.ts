/**
 * The benchmark's server child: either the real appliance (with N sessions written straight into
 * its database, spread over users) or a bare `ws` server. It answers the parent's IPC requests:
 * measure RSS after a full GC, and broadcast one `site.updated` to every connection.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Db } from '../../src-appliance/db/database.js';
import { inTransaction } from '../../src-appliance/db/transaction.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { buildAppliance } from '../../src-appliance/server.js';
import { configFromEnv } from '../../src-appliance/config.js';
import { hashToken } from '../../src-appliance/auth/sessions.js';
import { type FromServer, type ServerKind, stamp, type ToServer } from './protocol.js';

const kind = process.argv[2] as ServerKind;
const sessions = Number(process.argv[3]);
const send = (m: FromServer) => process.send!(m);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Users of 10 sessions each, inserted in one transaction (no argon2 per user, no HTTP logins). */
async function insertSessions(db: Db, count: number): Promise<string[]> {
  const now = new Date();
  const iso = now.toISOString();
  const expires = new Date(now.getTime() + 12 * 3_600_000).toISOString();
  const tokens: string[] = [];
  await inTransaction(db, async (trx) => {
    const admin = await trx.selectFrom('users').select('password_hash').limit(1).executeTakeFirstOrThrow();
    for (let first = 0; first < count; first += 500) {
      const n = Math.min(500, count - first);
      const users = await trx
        .insertInto('users')
        .values(
          Array.from({ length: Math.ceil(n / 10) }, (_, k) => {
            const u = (first + k * 10) / 10;
            return {
              username: `bench${u}`,
              password_hash: admin.password_hash,
              private_display_name: `Bench ${u}`,
              public_display_name: `Bench ${u}`,
              email_address: null,
              preferred_email_language: null,
              enabled: 1,
              is_admin: 0,
              failed_login_count: 0,
              locked_until: null,
              locked_by_admin_only: 0,
              password_change_required: 0,
              two_factor_required: 0,
              extended_availability_allowed: 0,
              extended_availability_enabled: 0,
              photo_etag: null,
              password_changed_at: iso,
              created_at: iso,
              updated_at: iso,
            };
          }),
        )
        .returning('id')
        .execute();
      const rows = Array.from({ length: n }, (_, k) => {
        const token = crypto.randomBytes(32).toString('base64url');
        tokens.push(token);
        return {
          id: crypto.randomBytes(16).toString('base64url'),
          token_hash: hashToken(token),
          user_id: users[Math.floor(k / 10)]!.id,
          client: 'console' as const,
          install_id: null,
          console_version: null,
          restriction: null,
          created_at: iso,
          last_seen_at: iso,
          expires_at: expires,
          ip: '127.0.0.1',
          user_agent: 'bench',
        };
      });
      await trx.insertInto('sessions').values(rows).execute();
    }
  });
  return tokens;
}

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

const server: { url: string; tokens?: string[]; broadcast: () => void } =
  kind === 'appliance' ? await startAppliance() : await startBare();
const wsUrl = server.url.replace(/^http/, 'ws') + (kind === 'appliance' ? '/api/events' : '');
send({ op: 'ready', url: wsUrl, tokens: server.tokens ?? null });

process.on('message', (m: ToServer) => {
  if (m.op === 'measure') {
    gc();
    gc();
    const mem = process.memoryUsage();
    send({ op: 'measured', rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external, connections: 0 });
  } else if (m.op === 'broadcast') {
    const at = stamp();
    server.broadcast();
    send({ op: 'broadcast-started', at });
  } else if (m.op === 'stop') {
    process.exit(0);
  }
});
