/**
 * Carries live events between the processes and nodes of one site through the database: the
 * publisher delivers to its own sockets, then appends the event to `live_events`; every other
 * process reads what is new when its engine says someone else committed (ctx.changes: SQLite's
 * `PRAGMA data_version`, PostgreSQL's change signal), the same signal that drops its read caches,
 * and delivers it to its own sockets. Rows are kept RETENTION_MS, long enough for a process that
 * paused (GC, a busy core) to catch up, short enough that the table stays a few rows.
 */
import crypto from 'node:crypto';
import { type ApplianceContext } from '../context.js';
import { type EventHub } from './event-hub.js';
import { liveEventRepository } from './live-event-repository.js';

const RETENTION_MS = 5 * 60_000;
const PRUNE_EVERY_MS = 60_000;

export interface EventRelay {
  /** Reads what other processes published since the last read (also run on the change signal). */
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEventRelay(ctx: ApplianceContext, hub: EventHub): Promise<EventRelay> {
  const origin = crypto.randomUUID();
  const repo = liveEventRepository(ctx.db);
  let lastId = await repo.lastId();
  let stopped = false;

  // Appends run one after another, so other processes read them in the order they were published.
  let appending: Promise<void> = Promise.resolve();
  hub.relayTo((route, event) => {
    appending = appending
      .then(() => repo.append(origin, route, event, ctx.clock.now()))
      .then(
        () => undefined,
        (err: unknown) => ctx.log.error({ err, type: event.type }, 'live event not relayed to other processes'),
      );
  });

  let reading: Promise<void> | null = null;
  let again = false;
  const read = async () => {
    do {
      again = false;
      const { lastId: last, events } = await repo.publishedElsewhere(origin, lastId);
      lastId = last;
      for (const { route, event } of events) hub.deliverHere(route, event);
    } while (again && !stopped);
  };
  const catchUp = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (reading) {
      again = true;
      return reading;
    }
    reading = read()
      .catch((err: unknown) => ctx.log.error({ err }, 'reading relayed live events failed'))
      .finally(() => (reading = null));
    return reading;
  };
  const offChanges = ctx.changes.onChangedElsewhere(() => void catchUp());

  const prune = setInterval(() => {
    void repo
      .deleteBefore(new Date(ctx.clock.now().getTime() - RETENTION_MS))
      .catch((err: unknown) => ctx.log.warn({ err }, 'pruning relayed live events failed'));
  }, PRUNE_EVERY_MS);
  prune.unref();

  return {
    catchUp,
    async stop() {
      stopped = true;
      offChanges();
      clearInterval(prune);
      hub.relayTo(null);
      await appending;
      await reading;
    },
  };
}
