/**
 * Holds the main process's WebSocket to the appliance's `/api/events` (Bearer auth) and forwards the
 * allowed live events (`LIVE_EVENT_TYPES`) to the window. Reconnects with exponential backoff and
 * jitter after any drop (network, appliance restart); stops for good when the session ends
 * (`session.revoked`, close code 4001, or 401 at the upgrade). A node that drains closes with 1012:
 * that is no failure, so the forwarder reconnects at once (the load balancer picks another node),
 * without backoff and without a warning. TLS certificates are validated (ws's
 * default; no `rejectUnauthorized: false` anywhere).
 */
import WebSocket from 'ws';
import { EVENT_SOCKET_CLOSE, parseLiveEvent, type LiveEvent } from '../../src-shared/api/events.js';
import { ReconnectLoop, type ReconnectOptions } from '../../src-shared/reconnect-loop.js';
import { loopbackLookup } from '../security/loopback-lookup.js';
import { absolutizeSiteUrls } from '../session/site-urls.js';

export interface EventForwarderDeps {
  siteUrl(): string | null;
  token(): string | null;
  /** Delivers an event to the console window(s). */
  send(event: LiveEvent): void;
  /** The appliance says the session is over (revoked, or the token is refused). */
  onSessionEnded(reason: string): void;
  log: { info(msg: string): void; warn(msg: string): void };
  /** Tests shorten the delays and take the jitter out. */
  reconnect?: ReconnectOptions;
}

export function eventsUrl(siteUrl: string): string {
  const u = new URL(`${siteUrl.replace(/\/+$/, '')}/api/events`);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

export class EventForwarder {
  private socket: WebSocket | null = null;
  private readonly reconnect: ReconnectLoop;
  /** How many times a connection has opened (tests wait on it). */
  opens = 0;

  constructor(private readonly deps: EventForwarderDeps) {
    this.reconnect = new ReconnectLoop(() => this.open(), deps.reconnect);
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Connects if logged in and not already connected (idempotent). */
  start(): void {
    this.reconnect.start(this.socket !== null);
  }

  stop(): void {
    this.reconnect.stop();
    const s = this.socket;
    this.socket = null;
    s?.removeAllListeners();
    s?.on('error', () => undefined);
    s?.terminate();
  }

  private open(): void {
    const site = this.deps.siteUrl();
    const token = this.deps.token();
    if (!site || !token) return this.stop();
    const socket = new WebSocket(eventsUrl(site), {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: 10_000,
      lookup: loopbackLookup,
    });
    this.socket = socket;
    socket.on('open', () => {
      this.reconnect.opened();
      this.opens++;
      this.deps.log.info('events: connected');
    });
    socket.on('message', (data) => {
      const event = parseLiveEvent(data.toString());
      if (!event) return; // only the allowed events reach the window
      this.deps.send(absolutizeSiteUrls(event, site));
      if (event.type === 'session.revoked') this.endSession(`revoked: ${event.data.reason}`);
    });
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      if (this.socket !== socket) return;
      this.socket = null;
      if (status === 401) this.endSession('token refused');
      else this.retry(`HTTP ${status}`);
    });
    socket.on('error', (err) => this.deps.log.warn(`events: ${err.message}`));
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (code === EVENT_SOCKET_CLOSE.sessionEnded) this.endSession('revoked');
      else if (code === EVENT_SOCKET_CLOSE.reconnectElsewhere) this.reconnectElsewhere();
      else this.retry(`closed (${code})`);
    });
  }

  private endSession(reason: string): void {
    this.stop();
    this.deps.onSessionEnded(reason);
  }

  private reconnectElsewhere(): void {
    const delay = this.reconnect.drained();
    if (delay !== null) this.deps.log.info(`events: the appliance node is restarting; reconnecting in ${delay} ms`);
  }

  private retry(why: string): void {
    const delay = this.reconnect.dropped();
    if (delay !== null) this.deps.log.warn(`events: ${why}; reconnecting in ${delay} ms`);
  }
}
