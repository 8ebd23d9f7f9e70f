/**
 * `PUT /api/account/photo` (raw PNG/JPEG body or multipart), `DELETE /api/account/photo`, and the
 * public `GET /api/users/{id}/photo` (shown to customers in the chat window) with ETag caching.
 * The upload route lives in its own scope with its own body parsers and 1 MiB cap; the session is
 * checked in onRequest, before a byte of the body is read.
 */
import Type from 'typebox';
import multipart from '@fastify/multipart';
import { type FastifyRequest } from 'fastify';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { errorResponses } from '../http/schema-helpers.js';
import { ApiError, httpError } from '../http/api-error.js';
import { requireSession } from '../auth/session-guard.js';
import { CONTENT_TYPE_OF, sniffPhotoType } from './image-type.js';
import { processPhoto, type UploadedPhoto } from './process-photo.js';
import { PHOTO_MAX_BYTES } from '../../src-shared/photo-limits.js';
import { installRawPhotoParser, tooLarge } from './photo-body.js';
import { deletePhoto, readPhoto, removePhotoLeftovers, replacePhoto } from './photo-store.js';

/** Room for the multipart boundaries and part headers around a 1 MiB file. */
const MULTIPART_OVERHEAD = 16 * 1024;

export function photoUrl(userId: number, etag: string | null): string | null {
  return etag ? `/api/users/${userId}/photo?v=${encodeURIComponent(etag)}` : null;
}

async function readUpload(request: FastifyRequest): Promise<UploadedPhoto> {
  if (!request.isMultipart()) {
    return { bytes: request.body as Buffer, mime: request.headers['content-type'] };
  }
  try {
    const part = await request.file({
      limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 4, parts: 5, headerPairs: 50 },
    });
    if (!part) throw httpError(400, 'bad_request', 'The multipart body holds no file.');
    return { bytes: await part.toBuffer(), mime: part.mimetype, fileName: part.filename };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    // busboy's errors for broken multipart (no end boundary, bad headers) are the client's fault.
    throw httpError(400, 'bad_request', 'The multipart body could not be read.');
  }
}

export async function registerPhotoRoutes(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  const guard = requireSession(ctx);

  await app.register(async (scope) => {
    installRawPhotoParser(scope);
    await scope.register(multipart, { throwFileSizeLimit: true });
    scope.put(
      '/api/account/photo',
      {
        bodyLimit: PHOTO_MAX_BYTES + MULTIPART_OVERHEAD,
        schema: {
          tags: ['account'],
          summary: 'Upload a profile photo: PNG or JPEG, at most 1 MiB, at least 80×80 (raw body or multipart).',
          response: { 200: Type.Object({ photo_url: Type.String() }), ...errorResponses(400, 401, 403, 413, 415, 422) },
        },
        onRequest: async (request, reply) => {
          await guard.call(scope, request, reply);
          const length = Number(request.headers['content-length'] ?? 0);
          if (request.isMultipart() && length > PHOTO_MAX_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
        },
      },
      async (request, reply) => {
        const upload = await readUpload(request);
        const photo = await processPhoto(upload);
        const etag = await replacePhoto(ctx, request.session!.userId, photo.bytes);
        ctx.domain.emit('account.changed', { userId: request.session!.userId });
        return reply.send({ photo_url: photoUrl(request.session!.userId, etag)! });
      },
    );
  });

  app.delete(
    '/api/account/photo',
    {
      schema: {
        tags: ['account'],
        summary: 'Remove the profile photo.',
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      if (await deletePhoto(ctx, request.session!.userId))
        ctx.domain.emit('account.changed', { userId: request.session!.userId });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/users/:id/photo',
    {
      schema: {
        tags: ['account'],
        summary: "A technician's profile photo (public: customers see it in the chat window).",
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,12}$' }) }),
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const photo = await readPhoto(ctx, Number(request.params.id));
      if (!photo) throw httpError(404, 'not_found', 'This user has no photo.');
      const type = sniffPhotoType(photo.bytes);
      const etag = `"${photo.etag}"`;
      reply.header('etag', etag);
      reply.header('cache-control', 'public, max-age=300, must-revalidate');
      reply.header('content-security-policy', "default-src 'none'");
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(type ? CONTENT_TYPE_OF[type] : 'application/octet-stream').send(photo.bytes);
    },
  );
}

export const name = 'photo';
export const dependencies = ['auth'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  removePhotoLeftovers(ctx);
  ctx.accountView.push(async (user) => ({ photo_url: photoUrl(user.id, user.photo_etag) }));
  return registerPhotoRoutes(app, ctx);
}
