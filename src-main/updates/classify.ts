/**
 * Sorts update errors into what the technician is told. `1.1gws` is the seed's case: the console
 * has no token, the appliance refused it, or the feed is not there (404, unreadable). Network and
 * disk trouble and a failed checksum are retried; when the network retries run out the feed counts
 * as unreachable, which is `1.1gws` again. A build without the publisher's signature is `untrusted`.
 */
import { HttpError } from 'builder-util-runtime';
import { type UpdateFailureKind } from '../../src-shared/software-update.js';
import { ERR_RELEASE_UNTRUSTED } from './release-verifier.js';

export type Classified = { kind: Exclude<UpdateFailureKind, 'update_required'>; retry: boolean; tokenRefused: boolean };

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);
const DISK_CODES = new Set(['ENOSPC', 'ENOTDIR', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EMFILE', 'EBUSY']);

function statusOf(err: unknown): number | null {
  if (err instanceof HttpError) return err.statusCode;
  const m = /HttpError: (\d{3})|status (\d{3})|HTTP (\d{3})/.exec(String((err as Error)?.message ?? err));
  return m ? Number(m[1] ?? m[2] ?? m[3]) : null;
}

export function classifyUpdateError(err: unknown): Classified {
  const code = String((err as { code?: unknown })?.code ?? '');
  const message = String((err as Error)?.message ?? err);
  // Not retried: a build the publisher did not sign does not become signed by waiting.
  if (code === ERR_RELEASE_UNTRUSTED) return { kind: 'untrusted', retry: false, tokenRefused: false };
  if (code === 'ERR_CHECKSUM_MISMATCH' || code === 'ERR_UPDATER_NO_CHECKSUM')
    return { kind: 'verification', retry: true, tokenRefused: false };
  if (DISK_CODES.has(code)) return { kind: 'disk', retry: true, tokenRefused: false };
  const status = statusOf(err);
  if (status === 401 || status === 403) return { kind: '1.1gws', retry: false, tokenRefused: status === 401 };
  if (status !== null && status >= 500) return { kind: 'network', retry: true, tokenRefused: false };
  if (status !== null || code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' || code.startsWith('ERR_UPDATER_INVALID')) {
    return { kind: '1.1gws', retry: false, tokenRefused: false };
  }
  if (NETWORK_CODES.has(code) || /socket hang up|timed out|aborted|ECONNRESET|ECONNREFUSED/i.test(message)) {
    return { kind: 'network', retry: true, tokenRefused: false };
  }
  return { kind: '1.1gws', retry: false, tokenRefused: false };
}
