/**
 * My Account's downloads, for logged-in users only:
 *   GET /api/downloads                         every catalog entry, available or not (with the reason)
 *   GET /api/downloads/elevation-service.reg   the registry file with the current site hash
 *   GET /api/downloads/{id}                    the file, streamed with Range / If-Range / ETag
 *   PUT /api/admin/downloads/{id}              an admin adds or replaces an installer (upload-route.ts)
 * Ids are matched against the catalog, never used as paths.
 */
import Type from 'typebox';
import { type ApplianceApp } from '../http/app-type.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY } from '../http/schema-helpers.js';
import { requireSession } from '../auth/session-guard.js';
import { sendArtifact } from '../console-releases/artifact-stream.js';
import { DownloadId, DownloadList } from '../../src-shared/api/downloads.js';
import { CATALOG, REGISTRY_FILE_ID } from './catalog.js';
import { resolveDownload, resolveDownloads } from './download-store.js';
import { item, toItem } from './download-item.js';
import { registerDownloadUploadRoute } from './upload-route.js';
import { currentSiteHash } from './site-hash.js';
import { elevationServiceRegText, encodeRegFile } from './registry-file.js';

const CONTENT_TYPES: Record<string, string> = {
  msi: 'application/x-msi',
  exe: 'application/vnd.microsoft.portable-executable',
  dmg: 'application/x-apple-diskimage',
  deb: 'application/vnd.debian.binary-package',
};

export function registerDownloadRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const registryEntry = CATALOG.find((e) => e.id === REGISTRY_FILE_ID)!;

  app.get(
    '/api/downloads',
    {
      schema: {
        tags: ['downloads'],
        summary: 'Everything My Account offers to download',
        security: SESSION_SECURITY,
        response: { 200: DownloadList },
      },
      preHandler: requireSession(ctx),
    },
    async () => {
      const items = (await resolveDownloads(ctx.db, ctx.config.dataDir)).map(toItem);
      items.push(
        item(registryEntry, {
          file_name: REGISTRY_FILE_ID,
          size: null,
          sha256: null,
          available: true,
          note: registryEntry.description,
        }),
      );
      return { items };
    },
  );

  app.get(
    `/api/downloads/${REGISTRY_FILE_ID}`,
    {
      schema: {
        tags: ['downloads'],
        summary: "The elevation service's registry file (current site hash; UTF-16LE, CRLF)",
        security: SESSION_SECURITY,
      },
      preHandler: requireSession(ctx),
    },
    async (_request, reply) => {
      const { hash, softwareVersion } = await currentSiteHash(ctx);
      const body = encodeRegFile(
        elevationServiceRegText({ siteHash: hash, siteUrl: ctx.publicUrl(), softwareVersion }),
      );
      return reply
        .type('text/x-ms-regedit')
        .header('content-disposition', `attachment; filename="${REGISTRY_FILE_ID}"`)
        .send(body);
    },
  );

  app.get(
    '/api/downloads/:id',
    {
      schema: {
        tags: ['downloads'],
        summary: 'Download one file (Range, If-Range, ETag / If-None-Match)',
        security: SESSION_SECURITY,
        params: Type.Object({ id: DownloadId }),
      },
      preHandler: requireSession(ctx),
    },
    async (request, reply) => {
      const resolved = await resolveDownload(ctx.db, ctx.config.dataDir, request.params.id);
      if (!resolved) throw httpError(404, 'not_found', `No download "${request.params.id}"`);
      if (!resolved.file) throw httpError(404, 'download_unavailable', resolved.reason, { id: resolved.entry.id });
      const { file, entry } = resolved;
      return sendArtifact(request, reply, {
        absPath: file.absPath,
        size: file.size,
        etag: file.etag,
        fileName: file.fileName,
        contentType: CONTENT_TYPES[entry.format ?? ''] ?? 'application/octet-stream',
      });
    },
  );
}

export const name = 'downloads';
export const dependencies = ['auth', 'console-releases'] as const;

export async function register(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  registerDownloadRoutes(app, ctx);
  await registerDownloadUploadRoute(app, ctx);
}
