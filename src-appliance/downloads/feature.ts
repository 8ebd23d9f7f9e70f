/**
 * My Account's downloads, for logged-in users only:
 *   GET /api/downloads                         every catalog entry, available or not (with the reason)
 *   GET /api/downloads/elevation-service.reg   the registry file with the current site hash
 *   GET /api/downloads/{id}                    the file, streamed with Range / If-Range / ETag
 * Ids are matched against the catalog, never used as paths.
 */
import Type from 'typebox';
import { type ApplianceApp } from '../http/app-type.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY } from '../http/schema-helpers.js';
import { requireSession } from '../auth/session-guard.js';
import { sendArtifact } from '../console-releases/artifact-stream.js';
import { DownloadId, DownloadList, type DownloadItem } from '../../src-shared/api/downloads.js';
import { CATALOG, REGISTRY_FILE_ID, type CatalogEntry } from './catalog.js';
import { resolveDownload, resolveDownloads, type Resolved } from './download-store.js';
import { currentSiteHash } from './site-hash.js';
import { elevationServiceRegText, encodeRegFile } from './registry-file.js';

const CONTENT_TYPES: Record<string, string> = {
  msi: 'application/x-msi',
  exe: 'application/vnd.microsoft.portable-executable',
  dmg: 'application/x-apple-diskimage',
  deb: 'application/vnd.debian.binary-package',
};

function item(
  entry: CatalogEntry,
  fields: Pick<DownloadItem, 'file_name' | 'size' | 'sha256' | 'available' | 'note'>,
): DownloadItem {
  return {
    id: entry.id,
    kind: entry.kind,
    platform: entry.platform,
    arch: entry.arch,
    audience: entry.audience ?? null,
    format: entry.format ?? null,
    url: `/api/downloads/${entry.id}`,
    ...fields,
  };
}

function toItem(r: Resolved): DownloadItem {
  return r.file
    ? item(r.entry, {
        file_name: r.file.fileName,
        size: r.file.size,
        sha256: r.file.sha256,
        available: true,
        note: r.entry.description,
      })
    : item(r.entry, { file_name: r.entry.defaultFileName, size: null, sha256: null, available: false, note: r.reason });
}

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
}
