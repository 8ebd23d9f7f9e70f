/**
 * The browser host's uploads (Management > Console software): the picked file as the raw body of
 * one request, which the browser reads from disk as it sends, so a 200 MB build never sits in the
 * page's memory. XMLHttpRequest rather than fetch, because only it reports upload progress. The
 * appliance's `{ error }` answers become ApiError as every other call's do.
 */
import { type AdminUploads, type UploadFile, type UploadProgress } from '../../src-shared/console-api.js';
import { unreachable } from '../../src-shared/console-api-http.js';
import { downloadUploadRequest, releaseUploadRequest, type UploadRequest } from '../../src-shared/upload-requests.js';
import { ApiError } from '../../src-shared/api-error.js';
import { csrfHeaders } from './cookies.js';

function send<T>(
  base: string,
  { method, path, headers }: UploadRequest,
  file: UploadFile,
  onProgress: UploadProgress,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // A file main picked is the desktop host's; this host sends only the page's own.
    if (!(file instanceof Blob)) throw new ApiError(400, 'bad_request', 'Choose the file in the page.');
    const xhr = new XMLHttpRequest();
    xhr.open(method, `${base}${path}`);
    for (const [name, value] of Object.entries({
      'content-type': 'application/octet-stream',
      accept: 'application/json',
      ...csrfHeaders(method),
      ...headers,
    }))
      xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : null);
    xhr.onerror = () => reject(unreachable(new Error('the upload was interrupted')));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // Not JSON (a proxy's error page): the status decides.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(ApiError.fromBody(xhr.status, body));
    };
    onProgress(0, file.size);
    xhr.send(file);
  });
}

export function createBrowserUploads(baseUrl = ''): AdminUploads {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    publishRelease: ({ file, ...fields }, onProgress) => send(base, releaseUploadRequest(fields), file, onProgress),
    replaceDownload: ({ file, ...fields }, onProgress) => send(base, downloadUploadRequest(fields), file, onProgress),
  };
}
