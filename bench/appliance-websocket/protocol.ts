/** IPC messages between the benchmark (parent), its server child and its client child. */
export type ServerKind = 'appliance' | 'appliance-2-workers' | 'bare';

export type ToServer = { op: 'measure' } | { op: 'broadcast' } | { op: 'stop' };
export type FromServer =
  | { op: 'ready'; url: string; tokens: string[] | null }
  | { op: 'measured'; rss: number; heapUsed: number; external: number; connections: number }
  | { op: 'broadcast-started'; at: number }
  /** When the server's send loop returned (the rest is the kernel and the clients). */
  | { op: 'broadcast-sent'; at: number; loopStart: number };

export type ToClients =
  | { op: 'connect'; url: string; tokens: string[] | null; count: number }
  | { op: 'expect-broadcast'; round: number }
  | { op: 'stop' };
export type FromClients =
  | { op: 'connected'; count: number; failed: number; ms: number }
  | { op: 'armed'; round: number }
  | { op: 'all-received'; round: number; at: number; received: number };

/** A wall-clock timestamp with sub-millisecond resolution, comparable between processes. */
export const stamp = (): number => performance.timeOrigin + performance.now();
