/**
 * Reading an upload without trusting its size: a Content-Length above the cap is refused before a
 * byte is read, and a body without one (chunked) is refused as soon as it passes the cap, so an
 * oversized upload never sits in memory. The connection is then closed rather than drained.
 *
 * A raw body is the photo: past 1 MiB it is `413 photo_too_large`. A multipart body is the photo
 * wrapped in boundaries and part headers: past MULTIPART_PHOTO_BODY_LIMIT it is
 * `413 payload_too_large` (its file part alone past 1 MiB is `photo_too_large`, see multipart-photo.ts).
 */
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Readable } from 'node:stream';
import { httpError } from '../http/api-error.js';
import { MULTIPART_PHOTO_BODY_LIMIT, PHOTO_BODY_LIMIT } from '../http/limits.js';
import { PHOTO_MAX_BYTES } from '../../src-shared/photo-limits.js';

export function photoTooLarge(): Error {
  return httpError(413, 'photo_too_large', `The photo may be at most ${PHOTO_MAX_BYTES} bytes (1 MiB).`, {
    max_bytes: PHOTO_MAX_BYTES,
  });
}

function multipartTooLarge(): Error {
  return httpError(413, 'payload_too_large', `A multipart upload may be at most ${MULTIPART_PHOTO_BODY_LIMIT} bytes.`, {
    max_bytes: MULTIPART_PHOTO_BODY_LIMIT,
  });
}

export function readCapped(
  stream: Readable,
  limit: number,
  declaredLength: number | null,
  tooLarge: () => Error,
): Promise<Buffer> {
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

export function isMultipart(request: FastifyRequest): boolean {
  return /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
}

/**
 * In the photo route's own scope: every body, whatever its Content-Type (so a GIF or SVG reaches
 * the content check and gets `photo_unsupported_type`), is read with its cap into one Buffer.
 */
export function installPhotoBodyParser(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (request, payload, done) => {
    const [limit, tooLarge] = isMultipart(request)
      ? [MULTIPART_PHOTO_BODY_LIMIT, multipartTooLarge]
      : [PHOTO_BODY_LIMIT, photoTooLarge];
    readCapped(payload, limit, contentLength(request), tooLarge).then(
      (buf) => done(null, buf),
      (err: Error) => done(err, undefined),
    );
  });
  scope.addHook('onError', async (_request, reply, err) => {
    // Do not let Node drain a refused upload: close the connection after the answer.
    const code = (err as { code?: string }).code;
    if (code === 'photo_too_large' || code === 'payload_too_large') reply.header('connection', 'close');
  });
}
