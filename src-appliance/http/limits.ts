/**
 * Every size and time limit of the appliance's HTTP server, in one place. Each holds while a body
 * streams: a body without Content-Length is counted as it arrives and refused the moment it passes
 * its limit, and a client that sends slowly (or stops) is cut off by the timeouts, whatever the route:
 * a body by `requestMs` in all, or, on the two upload routes, by `uploadIdleMs` without progress.
 */
import { type Server, type ServerResponse } from 'node:http';
import { PHOTO_MAX_BYTES } from '../../src-shared/photo-limits.js';

/** Every JSON body (Fastify's bodyLimit): the largest real one, an admin user, is under 2 KiB. */
export const JSON_BODY_LIMIT = 64 * 1024;

/** A WebSocket message (the client has nothing to say on /api/events). */
export const WEBSOCKET_MESSAGE_LIMIT = 64 * 1024;

/** A raw photo upload is the photo itself. */
export const PHOTO_BODY_LIMIT = PHOTO_MAX_BYTES;

/** A multipart photo upload: the photo plus room for boundaries, part headers and a few small fields. */
export const MULTIPART_PHOTO_BODY_LIMIT = PHOTO_MAX_BYTES + 16 * 1024;

/** Bounds of a multipart photo body besides its size (busboy's limits). */
export const MULTIPART_PHOTO_PARTS = { files: 1, fields: 4, parts: 5, headerPairs: 50, fieldSize: 1024 } as const;

export interface HttpTimeouts {
  /** From the connection (or the end of the previous request) to the end of the headers. */
  headersMs: number;
  /**
   * From the end of a request's headers to the end of its body, on every route but the uploads
   * (request-deadline.ts enforces it per request; Node's server-wide `requestTimeout` is off).
   */
  requestMs: number;
  /**
   * An upload (a console build, an installer: upload-body.ts) is not bound by `requestMs`, since a
   * 200 MB build over a slow WAN takes minutes; it is cut when no byte arrived for this long.
   */
  uploadIdleMs: number;
  /**
   * An idle keep-alive connection is closed after this. Longer than clients keep one idle (undici:
   * the announced timeout less 2 s; browsers about 10 s), or a client may reuse a socket just as it closes.
   */
  keepAliveMs: number;
  /** Requests served on one connection before it is closed (the keep-alive cap). */
  maxRequestsPerSocket: number;
  /** How often Node checks `headersMs` (its default, 30 s, would let it run 30 s over). */
  checkIntervalMs: number;
}

export const HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  uploadIdleMs: 30_000,
  keepAliveMs: 30_000,
  maxRequestsPerSocket: 1000,
  checkIntervalMs: 1_000,
};

/**
 * A download whose client stops reading is dropped after this long without progress (nginx's
 * send_timeout). Downloads are not bound by `requestMs`, which ends with the request's body.
 */
export const DOWNLOAD_SEND_TIMEOUT_MS = 60_000;

/**
 * The Fastify options for the timeouts Node's http server enforces: headers, keep-alive. Its
 * `requestTimeout` would cut every upload slower than its size / 30 s, so it is off, and
 * `installRequestDeadline` applies `requestMs` and `uploadIdleMs` per request.
 */
export function serverTimeoutOptions(t: HttpTimeouts) {
  return {
    requestTimeout: 0,
    keepAliveTimeout: t.keepAliveMs,
    maxRequestsPerSocket: t.maxRequestsPerSocket,
    http: { headersTimeout: t.headersMs, requestTimeout: 0, connectionsCheckingInterval: t.checkIntervalMs },
  };
}

/**
 * Makes the keep-alive cap end the connection. Node 20 answers the last allowed request with
 * `Connection: close` but leaves the socket open, and answers every later request on it with 503
 * until the client hangs up (a load generator never does). Marking that answer as not kept alive
 * makes Node close the socket once it is sent, as nginx does at `keepalive_requests`.
 */
export function closeConnectionsAtKeepAliveCap(server: Server): void {
  server.prependListener(
    'request',
    (_request, response: ServerResponse & { maxRequestsOnConnectionReached?: boolean }) => {
      if (response.maxRequestsOnConnectionReached) response.shouldKeepAlive = false;
    },
  );
}
