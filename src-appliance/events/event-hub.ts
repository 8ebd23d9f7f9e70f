/**
 * Who is connected to `/api/events`, and delivery of live events to them. The WebSocket route
 * registers each socket with the session and user it belongs to; features publish through here.
 */
import { WebSocket } from 'ws';
import { EVENT_SOCKET_CLOSE, type LiveEvent } from '../../src-shared/api/events.js';

/** Text frames from a ready Buffer: encoded once per event, not once per socket (10,000 sockets). */
const TEXT_FRAME = { binary: false } as const;

export interface EventSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

interface Peer {
  socket: EventSocket;
  userId: number;
  sessionId: string;
  client: 'web' | 'console';
}

function deliver(peers: Iterable<Peer>, event: LiveEvent): void {
  const text = JSON.stringify(event);
  let bytes: Buffer | null = null;
  for (const peer of peers) {
    if (peer.socket instanceof WebSocket) peer.socket.send((bytes ??= Buffer.from(text)), TEXT_FRAME);
    else peer.socket.send(text);
  }
}

export class EventHub {
  private readonly peers = new Set<Peer>();
  private readonly byUser = new Map<number, Set<Peer>>();

  add(socket: EventSocket, userId: number, sessionId: string, client: 'web' | 'console'): () => void {
    const peer: Peer = { socket, userId, sessionId, client };
    this.peers.add(peer);
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(peer);
    return () => {
      this.peers.delete(peer);
      set.delete(peer);
      if (set.size === 0) this.byUser.delete(userId);
    };
  }

  toUser(userId: number, event: LiveEvent): number {
    const set = this.byUser.get(userId);
    if (!set) return 0;
    deliver(set, event);
    return set.size;
  }

  toAll(event: LiveEvent): number {
    deliver(this.peers, event);
    return this.peers.size;
  }

  /** Tells each of these sessions it has ended, then closes its sockets. */
  revokeSessions(
    sessionIds: Iterable<string>,
    reason: Extract<LiveEvent, { type: 'session.revoked' }>['data']['reason'],
  ): void {
    const ids = new Set(sessionIds);
    if (ids.size === 0) return;
    const data = JSON.stringify({ type: 'session.revoked', data: { reason } } satisfies LiveEvent);
    for (const peer of [...this.peers]) {
      if (!ids.has(peer.sessionId)) continue;
      peer.socket.send(data);
      peer.socket.close(EVENT_SOCKET_CLOSE.sessionEnded, 'session revoked');
    }
  }

  /** The sessions that have a socket open now. */
  sessionIds(): Set<string> {
    const ids = new Set<string>();
    for (const peer of this.peers) ids.add(peer.sessionId);
    return ids;
  }

  hasUser(userId: number): boolean {
    return this.byUser.has(userId);
  }

  /** Ids of the user's console sessions that have a socket open. */
  consoleSessionIds(userId: number): string[] {
    const ids: string[] = [];
    for (const peer of this.byUser.get(userId) ?? []) if (peer.client === 'console') ids.push(peer.sessionId);
    return ids;
  }

  /** Sends to the sockets of these sessions only; returns how many sockets got it. */
  toSessions(sessionIds: Iterable<string>, event: LiveEvent): number {
    const ids = new Set(sessionIds);
    const targets = [...this.peers].filter((p) => ids.has(p.sessionId));
    deliver(targets, event);
    return targets.length;
  }

  hasConsole(userId: number): boolean {
    for (const peer of this.byUser.get(userId) ?? []) if (peer.client === 'console') return true;
    return false;
  }

  get size(): number {
    return this.peers.size;
  }
}
