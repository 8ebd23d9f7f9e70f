/**
 * How PostgreSQL nodes tell each other that they committed: `NOTIFY appliance_changes` after this
 * process wrote, and a dedicated connection that `LISTEN`s and calls `changes.changedElsewhere()`.
 * That one signal drops the read caches (session lookup, settings, ...) and wakes the live-event
 * relay, which then reads the new `live_events` rows itself: the payload is only the sender's id,
 * so a process skips its own notifications.
 *
 * NOTIFY is sent after the write it announces: a write that lands while one is in flight gets a
 * further NOTIFY once that one is done, so the last notification always follows the last commit.
 * When the listening connection drops, notifications may be lost: on reconnecting it reports a
 * change, so every cache is dropped once.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { type DataChanges } from './data-changes.js';

export const CHANGE_CHANNEL = 'appliance_changes';
const RECONNECT_MS = 1000;

export interface ChangeChannel {
  /** Call after a local write (coalesced). */
  wrote(): void;
  close(): Promise<void>;
}

export async function openChangeChannel(
  pool: pg.Pool,
  clientConfig: pg.ClientConfig,
  changes: DataChanges,
): Promise<ChangeChannel> {
  const processId = crypto.randomUUID();
  let closed = false;
  let listener: pg.Client | null = null;

  const listen = async (): Promise<void> => {
    const client = new pg.Client(clientConfig);
    client.on('notification', (n) => {
      if (n.payload !== processId) changes.changedElsewhere();
    });
    client.on('error', () => {
      // Handled by 'end': the connection is replaced.
    });
    client.on('end', () => {
      if (listener === client) listener = null;
      if (!closed) setTimeout(() => void reconnect(), RECONNECT_MS).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    listener = client;
  };
  const reconnect = async () => {
    if (closed || listener) return;
    try {
      await listen();
      changes.changedElsewhere(); // what was sent while nobody listened is unknown
    } catch {
      if (!closed) setTimeout(() => void reconnect(), RECONNECT_MS).unref();
    }
  };
  await listen();

  let sending = false;
  let again = false;
  const send = () => {
    sending = true;
    again = false;
    pool
      .query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, processId])
      .catch(() => {
        // The database is away: the others' listeners drop too, and report a change on reconnecting.
      })
      .finally(() => {
        sending = false;
        if (again && !closed) send();
      });
  };

  return {
    wrote() {
      if (closed) return;
      if (sending) again = true;
      else send();
    },
    async close() {
      closed = true;
      const client = listener;
      listener = null;
      await client?.end().catch(() => {});
    },
  };
}
