/**
 * A multipart photo upload, parsed from the body that was already read with its cap (so a body of
 * any length costs at most MULTIPART_PHOTO_BODY_LIMIT of memory): exactly one file part of at most
 * 1 MiB, a few small fields at most. Broken multipart (no closing boundary, bad part headers) is
 * the client's fault: `400 bad_request`.
 */
import { type IncomingHttpHeaders } from 'node:http';
import Busboy from '@fastify/busboy';
import { httpError } from '../http/api-error.js';
import { MULTIPART_PHOTO_PARTS } from '../http/limits.js';
import { PHOTO_MAX_BYTES } from '../../src-shared/photo-limits.js';
import { photoTooLarge } from './photo-body.js';
import { type UploadedPhoto } from './process-photo.js';

export function parseMultipartPhoto(body: Buffer, headers: IncomingHttpHeaders): Promise<UploadedPhoto> {
  return new Promise((resolve, reject) => {
    const unreadable = (why: string) => httpError(400, 'bad_request', `The multipart body could not be read: ${why}.`);
    let busboy: ReturnType<typeof Busboy>;
    try {
      busboy = Busboy({
        headers: headers as IncomingHttpHeaders & { 'content-type': string },
        limits: { ...MULTIPART_PHOTO_PARTS, fileSize: PHOTO_MAX_BYTES },
      });
    } catch {
      reject(unreadable('no boundary'));
      return;
    }
    let photo: UploadedPhoto | null = null;
    let failure: Error | null = null;
    const fail = (err: Error) => (failure ??= err);
    busboy.on('file', (_field, stream, fileName, _encoding, mime) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(photoTooLarge()));
      stream.on('end', () => {
        if (!stream.truncated) photo ??= { bytes: Buffer.concat(chunks), mime, fileName };
      });
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const)
      busboy.on(limit, () => fail(unreadable('too many parts')));
    busboy.on('error', (err: Error) => fail(unreadable(err.message)));
    busboy.on('finish', () => {
      if (failure) reject(failure);
      else if (!photo) reject(httpError(400, 'bad_request', 'The multipart body holds no file.'));
      else resolve(photo);
    });
    busboy.end(body);
  });
}
