/** Kysely type of the registered downloads (SQL in db/migrations/201-downloads.ts). */
export interface DownloadsTable {
  /** A catalog id (catalog.ts). */
  id: string;
  file_name: string;
  /** Relative to the data directory: downloads/<id>/<file_name>. */
  stored_path: string;
  size: number;
  /** Lower-case hex. */
  sha256: string;
  added_at: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    downloads: DownloadsTable;
  }
}
