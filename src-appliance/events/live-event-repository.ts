/** The live-event relay table: appended by the publishing process, read by all the others. */
import { defineRepository } from '../db/repository.js';
import { type LiveEvent } from '../../src-shared/api/events.js';
import { type EventRoute } from './event-hub.js';
import './tables.js';

export interface RelayedEvent {
  id: number;
  route: EventRoute;
  event: LiveEvent;
}

export const liveEventRepository = defineRepository((db) => ({
  async append(origin: string, route: EventRoute, event: LiveEvent, now: Date): Promise<number> {
    const row = await db
      .insertInto('live_events')
      .values({ origin, route: JSON.stringify(route), event: JSON.stringify(event), created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async lastId(): Promise<number> {
    const row = await db
      .selectFrom('live_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  },

  /** Events after `afterId` that another process published, oldest first. */
  async publishedElsewhere(origin: string, afterId: number): Promise<{ lastId: number; events: RelayedEvent[] }> {
    const rows = await db
      .selectFrom('live_events')
      .select(['id', 'origin', 'route', 'event'])
      .where('id', '>', afterId)
      .orderBy('id')
      .execute();
    return {
      lastId: rows.length > 0 ? rows[rows.length - 1]!.id : afterId,
      events: rows
        .filter((r) => r.origin !== origin)
        .map((r) => ({ id: r.id, route: JSON.parse(r.route) as EventRoute, event: JSON.parse(r.event) as LiveEvent })),
    };
  },

  async deleteBefore(cutoff: Date): Promise<void> {
    await db.deleteFrom('live_events').where('created_at', '<', cutoff.toISOString()).execute();
  },
}));
