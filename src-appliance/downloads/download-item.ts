/** A catalog entry as `GET /api/downloads` lists it. */
import { type DownloadItem } from '../../src-shared/api/downloads.js';
import { type CatalogEntry } from './catalog.js';
import { type Resolved } from './download-store.js';

export function item(
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

export function toItem(r: Resolved): DownloadItem {
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
