/**
 * `PUT /api/admin/downloads/{id}?file_name=`: an admin adds or replaces the file of a catalog
 * entry (display driver, virtual smart card, elevation service, the console's MSI and .deb) from
 * Management > Console software, as `add-download` does from a shell: the raw body streamed
 * through the hash into a temporary file, renamed only once it arrived in full, so the file
 * technicians download is the old one until then. Entries served by a published console release
 * and the generated registry file are not uploaded here.
 */
import Type from 'typebox';
import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type ApplianceApp } from '../http/app-type.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { cappedUpload, installUploadBody } from '../http/upload-body.js';
import { requireAdmin } from '../auth/session-guard.js';
import { appendAudit } from '../audit/audit-log.js';
import { DownloadId, DownloadReplaced, DownloadUploadQuery } from '../../src-shared/api/downloads.js';
import { REGISTRY_FILE_ID, catalogEntry } from './catalog.js';
import { AddDownloadError, addDownload, resolveDownload } from './download-store.js';
import { toItem } from './download-item.js';

export async function registerDownloadUploadRoute(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  await app.register(async (plain) => {
    installUploadBody(plain);
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.put(
      '/api/admin/downloads/:id',
      {
        schema: {
          tags: ['downloads', 'admin'],
          summary: 'Add or replace the file of a download: the raw body (application/octet-stream)',
          params: Type.Object({ id: DownloadId }),
          security: SESSION_SECURITY,
          querystring: DownloadUploadQuery,
          response: { 200: DownloadReplaced, ...errorResponses(400, 401, 403, 404, 413, 415) },
        },
        onRequest: requireAdmin(ctx),
      },
      async (request) => {
        const { id } = request.params;
        const entry = catalogEntry(id);
        if (!entry) throw httpError(404, 'not_found', `No download "${id}"`);
        if (entry.release || id === REGISTRY_FILE_ID)
          throw httpError(
            400,
            'download_not_replaceable',
            id === REGISTRY_FILE_ID
              ? 'The registry file is made for each download from the current site hash.'
              : 'This download is the newest published console release: publish a release instead.',
            { id },
          );
        const before = await resolveDownload(ctx.db, ctx.config.dataDir, id);
        let added: Awaited<ReturnType<typeof addDownload>>;
        try {
          added = await addDownload(
            ctx.db,
            ctx.config.dataDir,
            id,
            {
              name: request.query.file_name,
              // Read only once addDownload has checked the name (see console-releases/publish-route.ts).
              get stream() {
                return cappedUpload(request, ctx.config.uploadMaxBytes);
              },
            },
            ctx.clock.now(),
          );
        } catch (err) {
          if (err instanceof AddDownloadError)
            throw httpError(err.code === 'not_found' ? 404 : 400, err.code, err.message);
          throw err;
        }
        const old = before?.file;
        await appendAudit(
          ctx.db,
          request,
          {
            kind: 'download.replaced',
            target: { target: `download:${id}`, label: entry.defaultFileName },
            changes: {
              file_name: { old: old?.fileName ?? null, new: added.file_name },
              size: { old: old?.size ?? null, new: added.size },
              sha256: { old: old?.sha256 ?? null, new: added.sha256 },
            },
          },
          ctx.clock.now(),
        );
        const now = await resolveDownload(ctx.db, ctx.config.dataDir, id);
        return { item: toItem(now!), replaced: added.replaced };
      },
    );
  });
}
