/**
 * The two upload requests of Management > Console software, named once for every host that sends
 * them (the browser's XMLHttpRequest, the desktop console's main process): method, path with its
 * query, and the headers besides the body's type and the session's.
 */
import { RELEASE_SIGNATURE_HEADER } from './api/updates.js';

export interface UploadRequest {
  method: 'POST' | 'PUT';
  /** From the site's root, query included. */
  path: string;
  headers: Record<string, string>;
}

export interface ReleaseUploadFields {
  platform: string;
  version: string;
  file_name: string;
  /** The one line of the build's `.sig` file (surrounding white space is dropped). */
  signature: string;
}

export function releaseUploadRequest({ platform, version, file_name, signature }: ReleaseUploadFields): UploadRequest {
  return {
    method: 'POST',
    path: `/api/admin/console-releases?${new URLSearchParams({ platform, version, file_name })}`,
    headers: { [RELEASE_SIGNATURE_HEADER]: signature.trim() },
  };
}

export function downloadUploadRequest({ id, file_name }: { id: string; file_name: string }): UploadRequest {
  return {
    method: 'PUT',
    path: `/api/admin/downloads/${encodeURIComponent(id)}?${new URLSearchParams({ file_name })}`,
    headers: {},
  };
}
