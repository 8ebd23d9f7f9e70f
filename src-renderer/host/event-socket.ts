/**
 * The browser's live-event connection: a WebSocket to `/api/events`, authenticated by the session
 * cookie. It reconnects with backoff while the user is logged in (a dropped network, an appliance
 * restart) and stops for good on `session.revoked` or logout.
 */
import { isLiveEvent, type LiveEvent } from '../../src-shared/api/events.js';

export interface EventSocketOptions {
  url: string;
  onEvent(event: LiveEvent): void;
  /** Injected for tests; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
}

const MAX_BACKOFF_MS = 30_000;

export class EventSocket {
  private socket: WebSocket | null = null;
  private wanted = false;
  private attempts = 0;
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
    socket.onopen = () => {
      this.attempts = 0;
    };
    socket.onmessage = (msg) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(msg.data));
      } catch {
        return;
      }
      if (!isLiveEvent(parsed)) return;
      if (parsed.type === 'session.revoked') this.wanted = false;
      this.opts.onEvent(parsed);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.wanted) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts++);
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
