/** A stored passkey as the list in My Account shows it. */
import { type PasskeyInfo } from '../../src-shared/api/passkeys.js';
import { authenticatorName } from './authenticator-names.js';
import { type PasskeyRow } from './passkey-repository.js';

export function passkeyInfo(row: PasskeyRow): PasskeyInfo {
  return {
    id: row.id,
    name: row.name,
    created_at: row.created_at,
    last_used_at: row.last_used_at,
    authenticator: authenticatorName(row.aaguid),
    aaguid: row.aaguid,
    synced: row.backup_eligible === 1,
    flagged: row.flagged_at !== null,
  };
}
