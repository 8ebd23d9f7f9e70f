/**
 * The browser's live-event connection: a WebSocket to `/api/events`, authenticated by the session
 * cookie. It reconnects with backoff while the user is logged in (a dropped network, an appliance
 * restart) and stops for good on `session.revoked`, close code 4001 or logout. A node that drains
 * closes with 1012: the socket reconnects at once, through the load balancer to another node, and
 * nothing is shown. When it reconnects is src-shared/reconnect-loop.ts's, as for main's forwarder.
 */
import { EVENT_SOCKET_CLOSE, parseLiveEvent, type LiveEvent } from '../../src-shared/api/events.js';
import { ReconnectLoop } from '../../src-shared/reconnect-loop.js';

export interface EventSocketOptions {
  url: string;
  onEvent(event: LiveEvent): void;
  /** Injected for tests; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
}

export class EventSocket {
  private socket: WebSocket | null = null;
  private readonly reconnect = new ReconnectLoop(() => this.open());

  constructor(private readonly opts: EventSocketOptions) {}

  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  start(): void {
    this.reconnect.start(this.socket !== null);
  }

  stop(): void {
    this.reconnect.stop();
    const s = this.socket;
    this.socket = null;
    s?.close(1000, 'logout');
  }

  private open(): void {
    const Impl = this.opts.WebSocketImpl ?? WebSocket;
    const socket = new Impl(this.opts.url);
    this.socket = socket;
    socket.onopen = () => this.reconnect.opened();
    socket.onmessage = (msg) => {
      const event = parseLiveEvent(String(msg.data));
      if (!event) return;
      if (event.type === 'session.revoked') this.reconnect.stop();
      this.opts.onEvent(event);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === EVENT_SOCKET_CLOSE.sessionEnded) this.reconnect.stop();
      else if (event.code === EVENT_SOCKET_CLOSE.reconnectElsewhere) this.reconnect.drained();
      else this.reconnect.dropped();
    };
  }
}

/** `ws://host/api/events` next to the page's origin (wss on https). */
export function eventsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/events`;
}
