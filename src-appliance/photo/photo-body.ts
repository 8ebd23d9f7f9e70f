/**
 * Reading an upload without trusting its size: a Content-Length above the cap is refused before a
 * byte is read, and a body without one (chunked) is refused as soon as it passes the cap, so an
 * oversized upload never sits in memory. The connection is then closed rather than drained.
 */
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Readable } from 'node:stream';
import { httpError } from '../http/api-error.js';
import { PHOTO_MAX_BYTES } from '../../src-shared/photo-limits.js';

export function tooLarge(): Error {
  return httpError(413, 'photo_too_large', `The photo may be at most ${PHOTO_MAX_BYTES} bytes (1 MiB).`, {
    max_bytes: PHOTO_MAX_BYTES,
  });
}

export function readCapped(stream: Readable, limit: number, declaredLength: number | null): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaredLength !== null && declaredLength > limit) {
      stream.pause();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        stream.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(httpError(400, 'bad_request', `Upload interrupted: ${err.message}`));
    };
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

function contentLength(request: FastifyRequest): number | null {
  const raw = request.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * In the photo route's own scope: every non-multipart body (whatever its Content-Type, so a GIF or
 * SVG reaches the content check and gets `photo_unsupported_type`) is read with the 1 MiB cap.
 */
export function installRawPhotoParser(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (request, payload, done) => {
    readCapped(payload, PHOTO_MAX_BYTES, contentLength(request)).then(
      (buf) => done(null, buf),
      (err: Error) => done(err, undefined),
    );
  });
  scope.addHook('onError', async (_request, reply, err) => {
    // Do not let Node drain a refused upload: close the connection after the answer.
    if ((err as { code?: string }).code === 'photo_too_large') reply.header('connection', 'close');
  });
}
