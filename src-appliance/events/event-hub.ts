/**
 * Who is connected to `/api/events` on this process, and delivery of live events to them. The
 * WebSocket route registers each socket with the session and user it belongs to; features publish
 * through here. Every publication is also handed to the relay (./event-relay.ts), which carries it
 * to the other processes and nodes of the site; what arrives from them is delivered with
 * `deliverHere`, never relayed again.
 */
import { WebSocket } from 'ws';
import { EVENT_SOCKET_CLOSE, type LiveEvent, type LiveEventMap } from '../../src-shared/api/events.js';

/** Text frames from a ready Buffer: encoded once per event, not once per socket (10,000 sockets). */
const TEXT_FRAME = { binary: false } as const;

/** Whose sockets an event is for. `revoke` also closes them (4001) after the event. */
export type EventRoute =
  | { to: 'user'; userId: number }
  | { to: 'all' }
  | { to: 'sessions'; sessionIds: string[] }
  | { to: 'revoke'; sessionIds: string[] };

export type Relay = (route: EventRoute, event: LiveEvent) => void;

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

function deliver(peers: Iterable<Peer>, event: LiveEvent): number {
  const text = JSON.stringify(event);
  let bytes: Buffer | null = null;
  let n = 0;
  for (const peer of peers) {
    if (peer.socket instanceof WebSocket) peer.socket.send((bytes ??= Buffer.from(text)), TEXT_FRAME);
    else peer.socket.send(text);
    n++;
  }
  return n;
}

export class EventHub {
  private readonly peers = new Set<Peer>();
  private readonly byUser = new Map<number, Set<Peer>>();
  private relay: Relay | null = null;

  /** Where publications go besides this process's sockets (one relay; null: this process only). */
  relayTo(relay: Relay | null): void {
    this.relay = relay;
  }

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

  /** To every socket of the user, on every process. Returns how many sockets here got it. */
  toUser(userId: number, event: LiveEvent): number {
    return this.publish({ to: 'user', userId }, event);
  }

  /** To every socket on every process. Returns how many sockets here got it. */
  toAll(event: LiveEvent): number {
    return this.publish({ to: 'all' }, event);
  }

  /**
   * To every socket of this process only: for a change each process notices by itself (a release
   * published by the CLI, seen by every process's release watch), which relaying would double.
   */
  toAllHere(event: LiveEvent): number {
    return this.deliverHere({ to: 'all' }, event);
  }

  /** Sends to the sockets of these sessions, wherever they are; returns how many here got it. */
  toSessions(sessionIds: Iterable<string>, event: LiveEvent): number {
    return this.publish({ to: 'sessions', sessionIds: [...sessionIds] }, event);
  }

  /** Tells each of these sessions it has ended, then closes its sockets, on every process. */
  revokeSessions(sessionIds: Iterable<string>, reason: LiveEventMap['session.revoked']['reason']): void {
    const ids = [...new Set(sessionIds)];
    if (ids.length === 0) return;
    this.publish({ to: 'revoke', sessionIds: ids }, { type: 'session.revoked', data: { reason } });
  }

  /** Delivers to this process's sockets only (an event relayed from elsewhere, or toAllHere). */
  deliverHere(route: EventRoute, event: LiveEvent): number {
    switch (route.to) {
      case 'user': {
        const set = this.byUser.get(route.userId);
        return set ? deliver(set, event) : 0;
      }
      case 'all':
        return deliver(this.peers, event);
      case 'sessions': {
        const ids = new Set(route.sessionIds);
        return deliver(
          [...this.peers].filter((p) => ids.has(p.sessionId)),
          event,
        );
      }
      case 'revoke': {
        const ids = new Set(route.sessionIds);
        const targets = [...this.peers].filter((p) => ids.has(p.sessionId));
        const text = JSON.stringify(event);
        for (const peer of targets) {
          peer.socket.send(text);
          peer.socket.close(EVENT_SOCKET_CLOSE.sessionEnded, 'session revoked');
        }
        return targets.length;
      }
    }
  }

  private publish(route: EventRoute, event: LiveEvent): number {
    const here = this.deliverHere(route, event);
    this.relay?.(route, event);
    return here;
  }

  /** The sessions that have a socket open on this process. */
  sessionIds(): Set<string> {
    const ids = new Set<string>();
    for (const peer of this.peers) ids.add(peer.sessionId);
    return ids;
  }

  /** Whether the user has a socket open on this process. */
  hasUser(userId: number): boolean {
    return this.byUser.has(userId);
  }

  /** Ids of the user's console sessions that have a socket open on this process. */
  consoleSessionIds(userId: number): string[] {
    const ids: string[] = [];
    for (const peer of this.byUser.get(userId) ?? []) if (peer.client === 'console') ids.push(peer.sessionId);
    return ids;
  }

  hasConsole(userId: number): boolean {
    for (const peer of this.byUser.get(userId) ?? []) if (peer.client === 'console') return true;
    return false;
  }

  /** Sockets open on this process. */
  get size(): number {
    return this.peers.size;
  }
}
