/** Kysely types of the console-release tables (SQL in db/migrations/301-console-releases.ts). */
import { type Generated } from 'kysely';

export interface ConsoleReleasesTable {
  id: Generated<number>;
  version: string;
  platform: string;
  file_name: string;
  /** Relative to the data directory: console-releases/<platform>/<version>/<file_name>. */
  stored_path: string;
  size: number;
  /** base64, as electron-updater's `sha512` field expects. */
  sha512: string;
  published_at: string;
  /** The publisher's Ed25519 signature of the release statement (src-shared/release-signature.ts), base64. */
  signature: string | null;
}

export interface UpdateTokensTable {
  id: string;
  token_hash: string;
  install_id: string;
  user_id: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    console_releases: ConsoleReleasesTable;
    update_tokens: UpdateTokensTable;
  }
}
