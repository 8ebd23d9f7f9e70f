/**
 * The main process's live-event socket against the REAL appliance: Bearer auth, forwarding to the
 * window, reconnect with backoff after the appliance restarts (same port and data dir), stop on
 * revocation or a refused token (a node draining behind a load balancer:
 * event-forwarder-behind-nginx.test.ts); and TLS: a certificate the system does not trust is refused by
 * both the event socket and the HTTP client.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ApiError } from '../../src-shared/errors.js';
import { EventForwarder, eventsUrl } from '../../src-main/events/event-forwarder.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser } from '../support/api-client.js';
import { startDesktop } from './support/desktop-harness.js';
import { recordingLog } from './support/fake-safe-storage.js';
import { recordingForwarder } from './support/recording-forwarder.js';

async function until(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('event forwarder against the real appliance', () => {
  let app: TestAppliance;
  let user: { username: string; password: string };
  beforeAll(async () => {
    app = await startTestAppliance();
    user = await createUser(app, await adminToken(app));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('forwards live events, and reconnects after the appliance restarts on the same port and data dir', async () => {
    const d = await startDesktop(app.url);
    await d.host.login({ username: user.username, password: user.password });
    const { f, sent, log } = recordingForwarder(app.url, () => d.session.token());
    f.start();
    await until(() => f.opens === 1, 'first connection');
    await d.host.updateAccount({ private_display_name: 'Before Restart' });
    await until(() => sent.some((e) => e.type === 'account.updated'), 'account.updated');
    expect(sent.find((e) => e.type === 'account.updated')!.data).toMatchObject({
      account: { private_display_name: 'Before Restart' },
    });

    const port = new URL(app.url).port;
    await app.close();
    await until(() => !f.connected, 'the drop');
    await new Promise((r) => setTimeout(r, 300)); // a few refused reconnects while it is down
    app = await startTestAppliance({ port: Number(port), dataDir: app.dataDir });
    expect(app.url).toBe(`http://127.0.0.1:${port}`);
    await until(() => f.opens === 2, 'reconnection after restart');
    expect(log.lines.some((l) => /reconnecting in \d+ ms/.test(l.msg))).toBe(true);

    sent.length = 0;
    await d.host.updateAccount({ private_display_name: 'After Restart' });
    await until(() => sent.some((e) => e.type === 'account.updated'), 'account.updated after restart');
    f.stop();
    d.cleanup();
  });

  it('forwards session.revoked and stops for good (no reconnect)', async () => {
    const d = await startDesktop(app.url);
    await d.host.login({ username: user.username, password: user.password });
    const { f, sent, ended } = recordingForwarder(app.url, () => d.session.token());
    f.start();
    await until(() => f.opens === 1, 'connection');
    await call(app, 'POST', '/api/auth/logout', { token: d.session.token()! });
    await until(() => ended.length > 0, 'session end');
    expect(sent.map((e) => e.type)).toContain('session.revoked');
    await new Promise((r) => setTimeout(r, 500));
    expect(f.opens).toBe(1);
    expect(f.connected).toBe(false);
    d.cleanup();
  });

  it('a refused token (401 at the upgrade) ends the session without retrying', async () => {
    const { f, ended } = recordingForwarder(app.url, () => 'x'.repeat(43));
    f.start();
    await until(() => ended.length > 0, 'refusal');
    expect(ended).toEqual(['token refused']);
    await new Promise((r) => setTimeout(r, 300));
    expect(f.opens).toBe(0);
  });

  it('does not connect without a token', () => {
    const { f } = recordingForwarder(app.url, () => null);
    f.start();
    expect(f.connected).toBe(false);
    f.stop();
  });
});

describe('forwarding filter', () => {
  it('only LIVE_EVENT_TYPES reach the window', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    const auth: string[] = [];
    wss.on('connection', (socket, req) => {
      auth.push(req.headers.authorization ?? '');
      socket.send('not json');
      socket.send(JSON.stringify({ type: 'admin.secret', data: { x: 1 } }));
      socket.send(JSON.stringify({ type: 'invitation' })); // no data
      socket.send(
        JSON.stringify({
          type: 'invitation',
          data: { id: 'i1', from_username: 'a', from_display_name: 'A', message: null, link: 'x' },
        }),
      );
    });
    const port = (wss.address() as AddressInfo).port;
    const { f, sent } = recordingForwarder(`http://127.0.0.1:${port}`, () => 'tok_' + 'a'.repeat(40));
    f.start();
    await until(() => sent.length === 1, 'the invitation');
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toEqual([
      { type: 'invitation', data: { id: 'i1', from_username: 'a', from_display_name: 'A', message: null, link: 'x' } },
    ]);
    expect(auth).toEqual([`Bearer tok_${'a'.repeat(40)}`]);
    f.stop();
    await new Promise((r) => wss.close(r));
  });

  it('backs off exponentially up to the cap while the appliance is unreachable', async () => {
    const closed = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => closed.once('listening', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r)); // nothing listens there now
    const log = recordingLog();
    const f = new EventForwarder({
      siteUrl: () => `http://127.0.0.1:${port}`,
      token: () => 'tok_' + 'c'.repeat(40),
      send: () => undefined,
      onSessionEnded: () => undefined,
      log,
      reconnect: { initialMs: 10, maxMs: 80, random: () => 1 }, // no jitter: base delays
    });
    f.start();
    await until(() => log.lines.filter((l) => /reconnecting/.test(l.msg)).length >= 6, 'six retries');
    f.stop();
    const delays = log.lines
      .map((l) => /reconnecting in (\d+) ms/.exec(l.msg)?.[1])
      .filter(Boolean)
      .map(Number);
    expect(delays.slice(0, 6)).toEqual([10, 20, 40, 80, 80, 80]);
  });

  it('events URL: ws for http, wss for https', () => {
    expect(eventsUrl('http://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/api/events');
    expect(eventsUrl('https://support.example.com/base/')).toBe('wss://support.example.com/base/api/events');
  });
});

describe('TLS is validated (no rejectUnauthorized: false)', () => {
  let server: https.Server;
  let wss: WebSocketServer;
  let url: string;
  let dir: string;
  let requests = 0;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    server = https.createServer(
      { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) },
      (_req, res) => {
        requests++;
        res.setHeader('content-type', 'application/json');
        res.end('{"site_name":"impostor"}');
      },
    );
    wss = new WebSocketServer({ server });
    wss.on('connection', () => requests++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    wss?.close();
    await new Promise((r) => server?.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the HTTP client refuses a self-signed certificate (network_error, the request never completes)', async () => {
    const d = await startDesktop(url);
    const err = await d.host.getSite().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('network_error');
    expect(requests).toBe(0);
    d.cleanup();
  });

  it('the event socket refuses it too and keeps retrying without ever opening', async () => {
    const { f, log } = recordingForwarder(url, () => 'tok_' + 'b'.repeat(40));
    f.start();
    await until(() => log.lines.filter((l) => /reconnecting/.test(l.msg)).length >= 2, 'two refused attempts');
    expect(log.lines.some((l) => /self[- ]signed|certificate/i.test(l.msg))).toBe(true);
    expect(f.opens).toBe(0);
    expect(requests).toBe(0);
    f.stop();
  });
});
