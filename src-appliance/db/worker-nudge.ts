/**
 * Workers of one primary (APPLIANCE_WORKERS > 1) on one SQLite file tell each other through the
 * primary that they wrote, so a sibling looks at `PRAGMA data_version` at once instead of at its next
 * poll (up to EXTERNAL_CHANGE_POLL_MS later): an event relayed through the database reaches the
 * other worker's sockets, and its read caches drop, one IPC hop after the commit. The poll stays for
 * writers nobody hears from (the CLI, another node). PostgreSQL needs none: its NOTIFY is immediate.
 * Figures: docs/parts/cluster.md (live events across processes).
 */
import cluster, { type Worker } from 'node:cluster';

const NUDGE = { type: 'appliance.data-changed' } as const;

const isNudge = (message: unknown): boolean => (message as { type?: unknown } | null)?.type === NUDGE.type;

export interface SiblingNudge {
  /** After a local write: tells the siblings, once per turn of the event loop however many writes. */
  wrote(): void;
  stop(): void;
}

/** In a worker: `onNudge` runs when a sibling wrote. Outside a cluster, nothing. */
export function siblingNudge(onNudge: () => void): SiblingNudge {
  if (!cluster.isWorker) return { wrote() {}, stop() {} };
  let pending = false;
  const onMessage = (message: unknown) => {
    if (isNudge(message)) onNudge();
  };
  process.on('message', onMessage);
  return {
    wrote() {
      if (pending) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        // A worker whose primary is gone is draining: nobody to tell.
        if (process.connected) process.send?.(NUDGE);
      });
    },
    stop() {
      process.off('message', onMessage);
    },
  };
}

/** In the primary: passes a worker's nudge on to every other worker. */
export function forwardNudges(from: Worker): void {
  from.on('message', (message: unknown) => {
    if (!isNudge(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(NUDGE);
    }
  });
}
