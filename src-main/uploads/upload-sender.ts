/**
 * Main's half of the desktop console's uploads (Management > Console software): a file on disk
 * streamed to the appliance as the raw body of one request (src-shared/upload-requests.ts), with
 * the session's bearer token, which never reaches the renderer, and its progress for the window's
 * bar. The file is read as it is sent, never into memory. The appliance's `{ error }` answers
 * become ApiError as every other call's do; a connection that fails is `network_error`.
 * desktop-uploads.ts serves it to the window by the id of a file main's dialog picked.
 */
import fs from 'node:fs';
import { Readable, Transform, pipeline } from 'node:stream';
import { unreachable } from '../../src-shared/console-api-http.js';
import { ApiError } from '../../src-shared/errors.js';
import { type TransferProgress } from '../../src-shared/transfer-progress.js';
import { type UploadRequest } from '../../src-shared/upload-requests.js';
import { ProgressMeter } from '../downloads/progress-meter.js';

export interface UploadSenderDeps {
  fetch: typeof globalThis.fetch;
  /** How far an upload is; `id` is the one `send` was given. */
  onProgress?(id: string, progress: TransferProgress): void;
  /** Least time between two progress reports (default 250 ms). */
  progressIntervalMs?: number;
  now?: () => number;
}

/** Where to send: the site's URL and the session's headers (`Authorization: Bearer …`). */
export interface UploadSite {
  baseUrl: string;
  headers: Record<string, string>;
}

export type SendUpload = <T>(site: UploadSite, request: UploadRequest, filePath: string, id: string) => Promise<T>;

async function answerOf<T>(res: Response): Promise<T> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): the status decides.
  }
  if (res.ok) return body as T;
  throw ApiError.fromBody(res.status, body);
}

export function createUploadSender(deps: UploadSenderDeps): SendUpload {
  return async <T>(site: UploadSite, request: UploadRequest, filePath: string, id: string): Promise<T> => {
    const { size } = await fs.promises.stat(filePath);
    const meter = new ProgressMeter({ total: size, intervalMs: deps.progressIntervalMs, now: deps.now });
    // Counted as fetch pulls the bytes, so the bar follows the connection, not the disk.
    const counter = new Transform({
      transform(chunk: Buffer, _enc, next) {
        const p = meter.add(chunk.length);
        if (p) deps.onProgress?.(id, p);
        next(null, chunk);
      },
    });
    deps.onProgress?.(id, meter.current());
    // An early answer (a refusal before the body) ends the read: destroying the counter closes the file too.
    const file = pipeline(fs.createReadStream(filePath), counter, () => undefined);
    const body = Readable.toWeb(file) as ReadableStream<Uint8Array>;
    let res: Response;
    try {
      res = await deps.fetch(`${site.baseUrl.replace(/\/+$/, '')}${request.path}`, {
        method: request.method,
        headers: {
          ...site.headers,
          ...request.headers,
          'content-type': 'application/octet-stream',
          'content-length': String(size),
          accept: 'application/json',
        },
        body,
        duplex: 'half',
        credentials: 'omit',
        redirect: 'error',
      } as RequestInit);
    } catch (err) {
      counter.destroy();
      throw unreachable(err);
    }
    try {
      return await answerOf<T>(res);
    } finally {
      // Read the answer first: ending the body earlier would abort the exchange, answer and all.
      counter.destroy();
    }
  };
}
