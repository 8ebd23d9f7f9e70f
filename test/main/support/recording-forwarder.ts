/**
 * Main's event forwarder (src-main/events/) as the app wires it, with what it hands on recorded:
 * the events sent to the window, the reasons a session ended, the log lines; short backoff.
 */
import { type LiveEvent } from '../../../src-shared/api/events.js';
import { EventForwarder } from '../../../src-main/events/event-forwarder.js';
import { recordingLog } from './fake-safe-storage.js';

export function recordingForwarder(siteUrl: string, token: () => string | null) {
  const sent: LiveEvent[] = [];
  const ended: string[] = [];
  const log = recordingLog();
  const f = new EventForwarder({
    siteUrl: () => siteUrl,
    token,
    send: (e) => sent.push(e),
    onSessionEnded: (r) => ended.push(r),
    log,
    reconnect: { initialMs: 50, maxMs: 400 },
  });
  return { f, sent, ended, log };
}
