/**
 * How long a request's body may take to arrive, per request rather than per server. Node's
 * `requestTimeout` is one number for the whole server, so a 200 MB build over a slow WAN would be
 * cut like a slowloris. Instead Node's is off (limits.ts `serverTimeoutOptions`) and this hook
 * gives every request `requestMs` from the end of its headers to the end of its body; an upload
 * route (upload-body.ts) trades that for a limit on progress: `uploadIdleMs` without a byte.
 * Either way a request cut while its answer can still be written gets `408` in the error shape
 * and the connection closed; one whose answer has begun is only closed. Headers keep Node's own
 * `headersTimeout`, which does not depend on `requestTimeout`.
 */
import { type IncomingMessage } from 'node:http';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type HttpTimeouts } from './limits.js';
import { answerOnSocket } from './client-errors.js';
import { type ErrorBody } from '../../src-shared/errors.js';

interface Deadline {
  timer: NodeJS.Timeout;
  idleMs: number;
  reply: FastifyReply;
}

const deadlines = new WeakMap<IncomingMessage, Deadline>();

const REQUEST_TIMEOUT: ErrorBody = {
  code: 'request_timeout',
  message: 'The request (headers or body) was not received in time.',
  details: {},
};

function stalled(idleMs: number): ErrorBody {
  return {
    code: 'upload_stalled',
    message: `No part of the upload arrived for ${Math.round(idleMs / 1000)} s; nothing was stored.`,
    details: { idle_ms: idleMs },
  };
}

/** Cuts a request whose body is still arriving: 408 if its answer has not begun, else just closed. */
function cut(request: IncomingMessage, reply: FastifyReply, error: ErrorBody): void {
  if (request.complete || request.socket.destroyed) return;
  if (reply.raw.headersSent) request.socket.destroy();
  else answerOnSocket(request.socket, 408, error);
}

/**
 * Whether a body follows the headers (RFC 9112 6.3: Transfer-Encoding, or a Content-Length above 0).
 * A request without one is whole once its headers are, so it needs no deadline: no timer and no
 * listeners on the hottest requests (GETs; bench appliance-account, see account/account-view.ts).
 */
function bodyFollows(raw: IncomingMessage): boolean {
  const length = raw.headers['content-length'];
  return raw.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function installRequestDeadline(app: FastifyInstance, timeouts: HttpTimeouts): void {
  // Callback style: an async hook costs a promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    // A WebSocket handshake has no body; once upgraded the socket is no longer HTTP.
    if (raw.headers.upgrade === undefined && bodyFollows(raw)) {
      const timer = setTimeout(() => cut(raw, reply, REQUEST_TIMEOUT), timeouts.requestMs);
      deadlines.set(raw, { timer, idleMs: timeouts.uploadIdleMs, reply });
      // Node marks a bodiless request complete only after this hook starts, so look again at the end.
      raw.once('end', () => clearTimeout(timer));
      reply.raw.once('close', () => {
        if (raw.complete) clearTimeout(timer);
      });
    }
    done();
  });
}

/** An upload's limit on progress: call `progressed` for every chunk, `finished` when it ends either way. */
export interface ProgressDeadline {
  progressed(): void;
  /** From now on a stall calls this (the upload's stream fails, so its consumer cleans up). */
  onStall(fail: (error: ErrorBody) => void): void;
  finished(): void;
}

const UNWATCHED: ProgressDeadline = { progressed() {}, onStall() {}, finished() {} };
const progress = new WeakMap<IncomingMessage, ProgressDeadline>();

/**
 * Lifts `requestMs` from this request and cuts it instead after `uploadIdleMs` without a byte
 * (upload-body.ts, from its scope's onRequest, before the handler reads the body).
 */
export function limitByProgress(request: FastifyRequest): void {
  const raw = request.raw;
  const deadline = deadlines.get(raw);
  if (!deadline) return;
  clearTimeout(deadline.timer);
  let fail = (error: ErrorBody) => cut(raw, deadline.reply, error);
  const timer = setTimeout(() => fail(stalled(deadline.idleMs)), deadline.idleMs);
  const watch: ProgressDeadline = {
    progressed: () => void timer.refresh(),
    onStall: (f) => {
      fail = f;
    },
    finished: () => clearTimeout(timer),
  };
  raw.once('close', watch.finished);
  progress.set(raw, watch);
}

/** The progress limit `limitByProgress` set on this request (none: a no-op). */
export function progressDeadline(request: FastifyRequest): ProgressDeadline {
  return progress.get(request.raw) ?? UNWATCHED;
}
