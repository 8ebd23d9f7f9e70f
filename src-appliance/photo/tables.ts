/** Kysely table type of the profile photos (SQL in db/migrations/006-user-photos.ts). */
export interface UserPhotosTable {
  user_id: number;
  etag: string;
  bytes: Buffer;
  updated_at: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    user_photos: UserPhotosTable;
  }
}
