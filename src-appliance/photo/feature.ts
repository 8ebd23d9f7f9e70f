/**
 * `PUT /api/account/photo` (raw PNG/JPEG body or multipart), `DELETE /api/account/photo`, and the
 * public `GET /api/users/{id}/photo` (shown to customers in the chat window) with ETag caching.
 * The upload route lives in its own scope with its own body parser and caps (photo-body.ts); the
 * session is checked in onRequest, before a byte of the body is read.
 */
import Type from 'typebox';
import { type FastifyRequest } from 'fastify';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { httpError } from '../http/api-error.js';
import { requireSession } from '../auth/session-guard.js';
import { CONTENT_TYPE_OF, sniffPhotoType } from './image-type.js';
import { processPhoto, type UploadedPhoto } from './process-photo.js';
import { installPhotoBodyParser, isMultipart } from './photo-body.js';
import { parseMultipartPhoto } from './multipart-photo.js';
import { deletePhoto, readPhoto, replacePhoto } from './photo-store.js';
import { moveLegacyPhotoFiles } from './legacy-photo-files.js';

export function photoUrl(userId: number, etag: string | null): string | null {
  return etag ? `/api/users/${userId}/photo?v=${encodeURIComponent(etag)}` : null;
}

async function readUpload(request: FastifyRequest): Promise<UploadedPhoto> {
  // An empty request never reaches the body parser: there is no body at all, not an empty one.
  if (!Buffer.isBuffer(request.body)) throw httpError(400, 'bad_request', 'The request holds no photo.');
  const body = request.body;
  if (isMultipart(request)) return parseMultipartPhoto(body, request.headers);
  return { bytes: body, mime: request.headers['content-type'] };
}

export async function registerPhotoRoutes(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  const guard = requireSession(ctx);

  await app.register(async (scope) => {
    installPhotoBodyParser(scope);
    scope.put(
      '/api/account/photo',
      {
        schema: {
          tags: ['account'],
          summary: 'Upload a profile photo: PNG or JPEG, at most 1 MiB, at least 80×80 (raw body or multipart).',
          security: SESSION_SECURITY,
          response: { 200: Type.Object({ photo_url: Type.String() }), ...errorResponses(400, 401, 403, 413, 415, 422) },
        },
        onRequest: guard,
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
        security: SESSION_SECURITY,
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

export async function register(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  await moveLegacyPhotoFiles(ctx);
  ctx.accountView.push(async (user) => ({ photo_url: photoUrl(user.id, user.photo_etag) }));
  return registerPhotoRoutes(app, ctx);
}
