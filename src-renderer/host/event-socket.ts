/**
 * The browser's live-event connection: a WebSocket to `/api/events`, authenticated by the session
 * cookie. It reconnects with backoff while the user is logged in (a dropped network, an appliance
 * restart) and stops for good on `session.revoked` or logout. A node that drains closes with 1012:
 * the socket reconnects at once, through the load balancer to another node, and nothing is shown.
 */
import { EVENT_SOCKET_CLOSE, parseLiveEvent, type LiveEvent } from '../../src-shared/api/events.js';
import { Backoff } from '../../src-shared/backoff.js';

/** Spreads the reconnects of many browsers after a node drains, without making any wait long. */
const RECONNECT_ELSEWHERE_MAX_MS = 250;

export interface EventSocketOptions {
  url: string;
  onEvent(event: LiveEvent): void;
  /** Injected for tests; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
}

export class EventSocket {
  private socket: WebSocket | null = null;
  private wanted = false;
  private readonly backoff = new Backoff({ initialMs: 500, maxMs: 30_000 });
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: EventSocketOptions) {}

  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

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
    s?.close(1000, 'logout');
  }

  private open(): void {
    const Impl = this.opts.WebSocketImpl ?? WebSocket;
    const socket = new Impl(this.opts.url);
    this.socket = socket;
    socket.onopen = () => this.backoff.reset();
    socket.onmessage = (msg) => {
      const event = parseLiveEvent(String(msg.data));
      if (!event) return;
      if (event.type === 'session.revoked') this.wanted = false;
      this.opts.onEvent(event);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.wanted) return;
      if (event.code === EVENT_SOCKET_CLOSE.reconnectElsewhere) {
        this.backoff.reset();
        this.scheduleReconnect(Math.round(Math.random() * RECONNECT_ELSEWHERE_MAX_MS));
      } else this.scheduleReconnect(this.backoff.next());
    };
  }

  private scheduleReconnect(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.wanted) this.open();
    }, delay);
  }
}

/** `ws://host/api/events` next to the page's origin (wss on https). */
export function eventsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/events`;
}
