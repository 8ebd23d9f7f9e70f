import { type Account } from './account.js';
import { type Site } from './site.js';

/** Messages on `GET /api/events` (WebSocket), `{ type, data }`. */
export interface LiveEventMap {
  'account.updated': { account: Account };
  /** This session was ended (password change, logout elsewhere, admin); the socket closes after it. */
  'session.revoked': {
    reason:
      | 'password_changed'
      | 'ended_by_user'
      | 'ended_by_admin'
      | 'logged_out'
      | 'disabled'
      | 'expired'
      | 'reset'
      | 'passkeys_changed'
      | 'two_factor_changed'
      | 'email_changed';
  };
  invitation: { id: string; from_username: string; from_display_name: string; message: string | null; link: string };
  'site.updated': { site: Site };
}
export type LiveEventType = keyof LiveEventMap;
export type LiveEvent = { [K in LiveEventType]: { type: K; data: LiveEventMap[K] } }[LiveEventType];

/**
 * How the appliance closes an event socket, and what the client does then: `sessionEnded` (4001,
 * after `session.revoked`) means stop; `reconnectElsewhere` (1012, Service Restart) means this
 * node is draining: reconnect at once (the load balancer picks another node), and show nothing.
 */
export const EVENT_SOCKET_CLOSE = { sessionEnded: 4001, reconnectElsewhere: 1012 } as const;

/** The events a console window may receive (main forwards only these). */
export const LIVE_EVENT_TYPES = [
  'account.updated',
  'session.revoked',
  'invitation',
  'site.updated',
] as const satisfies readonly LiveEventType[];

/** A socket message as a live event, or null when it is not JSON or not an allowed event. */
export function parseLiveEvent(text: string): LiveEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  return isLiveEvent(parsed) ? parsed : null;
}

export function isLiveEvent(value: unknown): value is LiveEvent {
  const v = value as { type?: unknown; data?: unknown } | null;
  return (
    !!v &&
    typeof v.type === 'string' &&
    (LIVE_EVENT_TYPES as readonly string[]).includes(v.type) &&
    typeof v.data === 'object' &&
    v.data !== null
  );
}
