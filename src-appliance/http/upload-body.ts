/**
 * Large uploads (console builds, installers) as a stream, never a buffer: in a route's own scope,
 * an `application/octet-stream` body is handed to the handler unread, and `cappedUpload` counts it
 * on its way to the disk. A Content-Length above the cap is refused before a byte is read; a body
 * without one (chunked) is cut the moment it passes the cap; a body that ends before its
 * Content-Length, or whose client goes away, fails the stream, so whoever writes it to disk
 * removes the partial file (see console-releases/artifact-store.ts). An upload is not bound by
 * the request timeout but by its progress: no byte for `uploadIdleMs` fails the stream with
 * `408 upload_stalled` (request-deadline.ts), however long the whole upload takes.
 */
import { Transform, type Readable } from 'node:stream';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { httpError } from './api-error.js';
import { limitByProgress, progressDeadline } from './request-deadline.js';

export const UPLOAD_CONTENT_TYPE = 'application/octet-stream';

function tooLarge(limit: number): Error {
  return httpError(413, 'payload_too_large', `An upload may be at most ${limit} bytes.`, { max_bytes: limit });
}

function incomplete(reason: string): Error {
  return httpError(400, 'upload_incomplete', `The upload did not arrive in full (${reason}); nothing was stored.`);
}

/** Only raw bodies reach the handler (as the request stream); any other type is 415. */
export function installUploadBody(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(UPLOAD_CONTENT_TYPE, (_request, payload, done) => done(null, payload));
  scope.addHook('onRequest', (request, _reply, done) => {
    limitByProgress(request);
    done();
  });
  scope.addHook('onError', async (_request, reply) => {
    // A refused upload is not drained: the client would go on sending what nobody reads.
    reply.header('connection', 'close');
  });
}

function declaredLength(request: FastifyRequest): number | null {
  const raw = request.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * The request body, capped at `limit` bytes. Throws at once when the declared length is over the
 * cap or the body is missing; the returned stream fails with 413 or `upload_incomplete` later.
 */
export function cappedUpload(request: FastifyRequest, limit: number): Readable {
  const body = request.body as Readable | undefined;
  if (!body || typeof body.pipe !== 'function')
    throw httpError(
      415,
      'unsupported_media_type',
      `Send the file as the body with Content-Type ${UPLOAD_CONTENT_TYPE}.`,
    );
  const declared = declaredLength(request);
  if (declared !== null && declared > limit) throw tooLarge(limit);
  if (declared === 0) throw incomplete('the body is empty');
  // Gone before the handler got here (its close event has passed, so no listener below would hear it).
  if (body.destroyed && !body.readableEnded) throw incomplete('the connection closed');
  let size = 0;
  const deadline = progressDeadline(request);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, next) {
      deadline.progressed();
      size += chunk.length;
      if (size > limit) next(tooLarge(limit));
      else next(null, chunk);
    },
    flush(next) {
      deadline.finished();
      if (size === 0) next(incomplete('the body is empty'));
      else if (declared !== null && size !== declared) next(incomplete(`${size} of ${declared} bytes`));
      else next();
    },
  });
  // The client went away or sent less than it announced: the request stream ends in an error
  // (or just closes), which must fail the copy rather than leave it waiting.
  const fail = () => counter.destroy(incomplete('the connection closed'));
  // A stall fails the copy, so the temporary file goes and the route answers the 408.
  deadline.onStall((error) => counter.destroy(httpError(408, error.code, error.message, error.details)));
  counter.once('close', deadline.finished);
  body.once('error', fail);
  body.once('aborted', fail);
  body.once('close', () => {
    if (!body.readableEnded) fail();
  });
  return body.pipe(counter);
}
