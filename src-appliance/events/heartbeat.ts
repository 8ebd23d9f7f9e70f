/**
 * Ping/pong for the event sockets: every interval each socket that has not answered the previous
 * ping is terminated (a dead peer: laptop lid closed, NAT dropped), the others are pinged again.
 * One timer for all sockets, so 10,000 connections cost one timer, not 10,000.
 */
import { type WebSocket } from 'ws';

export const HEARTBEAT_INTERVAL_MS = 30_000;

export class Heartbeat {
  private readonly awaitingPong = new Map<WebSocket, boolean>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs = HEARTBEAT_INTERVAL_MS) {}

  watch(socket: WebSocket): void {
    this.awaitingPong.set(socket, false);
    socket.on('pong', () => this.awaitingPong.set(socket, false));
    socket.once('close', () => this.awaitingPong.delete(socket));
    if (!this.timer) {
      this.timer = setInterval(() => this.beat(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** One round: drop the silent, ping the rest. Public so a test can run a round without waiting. */
  beat(): number {
    let dropped = 0;
    for (const [socket, awaiting] of this.awaitingPong) {
      if (awaiting) {
        this.awaitingPong.delete(socket);
        socket.terminate();
        dropped++;
        continue;
      }
      this.awaitingPong.set(socket, true);
      socket.ping();
    }
    return dropped;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
