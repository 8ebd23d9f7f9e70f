import Type, { type Static } from 'typebox';
import { Nullable } from './common.js';

/** Ids are lower-case words joined by "-" (the .reg file has its one dot): never a path. */
export const DOWNLOAD_ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*(?:\\.reg)?$';
export const DownloadId = Type.String({ pattern: DOWNLOAD_ID_PATTERN, maxLength: 80 });

export const DownloadKind = Type.Union([
  Type.Literal('console'),
  Type.Literal('display_driver'),
  Type.Literal('virtual_smart_card'),
  Type.Literal('elevation_service'),
]);
export type DownloadKind = Static<typeof DownloadKind>;

/** One entry of `GET /api/downloads`. `available: false` items carry the reason in `note`. */
export const DownloadItem = Type.Object({
  id: Type.String(),
  kind: DownloadKind,
  platform: Type.String(),
  arch: Nullable(Type.String()),
  /** For the virtual smart card: 'representative' (the technician's system) or 'endpoint'. */
  audience: Type.Optional(Nullable(Type.String())),
  /** For the console on Windows: 'exe' or 'msi'. */
  format: Type.Optional(Nullable(Type.String())),
  file_name: Type.String(),
  size: Nullable(Type.Integer()),
  sha256: Nullable(Type.String()),
  available: Type.Boolean(),
  note: Type.String(),
  url: Type.String(),
});
export type DownloadItem = Static<typeof DownloadItem>;
export const DownloadList = Type.Object({ items: Type.Array(DownloadItem) });
export type DownloadList = Static<typeof DownloadList>;

/**
 * What `ConsoleApi.saveDownload` did: the desktop console saved the file itself (`saved_to`, a path
 * in the person's Downloads folder); in the browser the browser downloads it (`saved_to: null`).
 */
export interface SavedDownload {
  saved_to: string | null;
}

/** `PUT /api/admin/downloads/{id}?file_name=`: the installer is the raw body (`application/octet-stream`). */
export const DownloadUploadQuery = Type.Object(
  { file_name: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false },
);
export type DownloadUploadQuery = Static<typeof DownloadUploadQuery>;

/** The answer to an upload: the catalog entry as `GET /api/downloads` now lists it. */
export const DownloadReplaced = Type.Object({ item: DownloadItem, replaced: Type.Boolean() });
export type DownloadReplaced = Static<typeof DownloadReplaced>;
