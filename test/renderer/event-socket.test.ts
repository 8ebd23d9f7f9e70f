// @vitest-environment node
/**
 * The browser's live-event socket (src-renderer/host/event-socket.ts) against real appliances
 * behind nginx, with the `ws` client in the browser WebSocket's place (it carries the session
 * cookie and the page's Origin as a browser would): a node that drains closes it with 1012, and it
 * reconnects at once to the other node, where events keep arriving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EventSocket } from '../../src-renderer/host/event-socket.js';
import { type LiveEvent } from '../../src-shared/api/events.js';
import { startTestAppliance, tempDir, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginWeb, webHeaders } from '../support/api-client.js';
import { startNginx, type Nginx } from '../../scripts/cluster/nginx.js';

async function until(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('browser event socket when a node drains', () => {
  let a: TestAppliance;
  let b: TestAppliance;
  let nginx: Nginx;
  beforeAll(async () => {
    a = await startTestAppliance();
    b = await startTestAppliance({ dataDir: a.dataDir });
    nginx = await startNginx({ dir: tempDir('nginx-'), nodes: [a.url, b.url], firstIsPrimary: true });
  });
  afterAll(async () => {
    await nginx?.stop();
    await a?.close().catch(() => undefined);
    await b?.close();
  });

  it('reconnects through the balancer at once on 1012 and keeps receiving events', async () => {
    const site = { url: nginx.url };
    const user = await createUser(site, await adminToken(a));
    const web = await loginWeb(site, user.username, user.password);
    const opened: string[] = [];
    const closes: number[] = [];
    class BrowserLikeSocket extends WebSocket {
      constructor(url: string) {
        super(url, { headers: { cookie: web.cookie, origin: nginx.url } });
        opened.push(url);
        this.addEventListener('close', (e) => closes.push(e.code));
      }
    }
    const events: LiveEvent[] = [];
    const socket = new EventSocket({
      url: `${nginx.url.replace(/^http/, 'ws')}/api/events`,
      onEvent: (e) => events.push(e),
      WebSocketImpl: BrowserLikeSocket as unknown as typeof globalThis.WebSocket,
    });
    socket.start();
    await until(() => socket.connected, 'connection to A');

    await a.close();
    expect(closes).toEqual([1012]);
    await until(() => socket.connected, 'reconnection to B');
    expect(opened).toHaveLength(2);

    const res = await call(site, 'PATCH', '/api/account', {
      headers: webHeaders(web),
      body: { private_display_name: 'Still Live' },
    });
    expect(res.status).toBe(200);
    await until(() => events.some((e) => e.type === 'account.updated'), 'account.updated from B');
    expect(events.map((e) => e.type)).not.toContain('session.revoked');
    socket.stop();
  });
});
