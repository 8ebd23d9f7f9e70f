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
import { Backoff } from '../../src-shared/backoff.js';
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
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
}

/** Spreads the reconnects of many consoles after a node drains, without making any wait long. */
const RECONNECT_ELSEWHERE_MAX_MS = 250;

export function eventsUrl(siteUrl: string): string {
  const u = new URL(`${siteUrl.replace(/\/+$/, '')}/api/events`);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

export class EventForwarder {
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wanted = false;
  private readonly backoff: Backoff;
  private readonly random: () => number;
  /** How many times a connection has opened (tests wait on it). */
  opens = 0;

  constructor(private readonly deps: EventForwarderDeps) {
    this.random = deps.random ?? Math.random;
    this.backoff = new Backoff({ ...(deps.backoff ?? { initialMs: 500, maxMs: 30_000 }), random: this.random });
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Connects if logged in and not already connected (idempotent). */
  start(): void {
    this.wanted = true;
    if (!this.socket && !this.timer) this.open();
  }

  stop(): void {
    this.wanted = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
      this.backoff.reset();
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
    if (!this.wanted) return;
    this.backoff.reset();
    const delay = Math.round(this.random() * RECONNECT_ELSEWHERE_MAX_MS);
    this.deps.log.info(`events: the appliance node is restarting; reconnecting in ${delay} ms`);
    this.schedule(delay);
  }

  private retry(why: string): void {
    if (!this.wanted) return;
    const delay = this.backoff.next();
    this.deps.log.warn(`events: ${why}; reconnecting in ${delay} ms`);
    this.schedule(delay);
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.wanted) this.open();
    }, delay);
  }
}
