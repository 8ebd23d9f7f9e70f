/**
 * The desktop console's downloads (My Account → Downloads): main `GET`s the file with the session's
 * bearer token, which never reaches the renderer, and streams it into the person's Downloads
 * folder. In the browser the same links are plain downloads with the session cookie.
 * - The name is the appliance's `Content-Disposition` file name reduced to a plain name (no
 *   folders, no control or reserved characters), else the download id.
 * - An existing file is never overwritten: "console.msi" becomes "console (1).msi".
 * - Bytes go to a `.part` file that is renamed only once complete; a failed or refused download
 *   leaves nothing behind.
 * - While it streams, `onProgress` hears how far it is (ProgressMeter: bytes, speed, time left),
 *   for the window's progress bar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ReadableStream as WebReadableStream } from 'node:stream/web';
import { type SavedDownload } from '../../src-shared/api/downloads.js';
import { unreachable } from '../../src-shared/console-api-http.js';
import { ApiError } from '../../src-shared/errors.js';
import { type TransferProgress } from '../../src-shared/transfer-progress.js';
import { ProgressMeter } from './progress-meter.js';

export interface DownloadSaverDeps {
  fetch: typeof globalThis.fetch;
  /** The person's Downloads folder (Electron: `app.getPath('downloads')`). */
  downloadsDir(): string;
  /** How far a download is; `id` is the last segment of its URL (the download's id). */
  onProgress?(id: string, progress: TransferProgress): void;
  /** Least time between two progress reports (default 250 ms). */
  progressIntervalMs?: number;
  now?: () => number;
}

// Windows forbids <>:"/\|?* and control characters; a leading dot would hide the file elsewhere.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/** A plain file name from a Content-Disposition header (RFC 6266 `filename*` first), else `fallback`. */
export function fileNameFrom(contentDisposition: string | null, fallback: string): string {
  let name = '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition ?? '');
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(contentDisposition ?? '');
  try {
    if (extended) name = decodeURIComponent(extended[1]!.trim());
  } catch {
    name = '';
  }
  if (!name && plain) name = (plain[1] ?? plain[2] ?? '').trim();
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(UNSAFE, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 200);
  return base || fallback;
}

/** `name`, or `name (1).ext`, `name (2).ext` … — the first that does not exist yet, claimed atomically. */
async function claimFreeName(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 0; n < 1000; n++) {
    const candidate = path.join(dir, n === 0 ? name : `${stem} (${n})${ext}`);
    try {
      await fs.promises.writeFile(candidate, '', { flag: 'wx' }); // placeholder: two saves never pick the same name
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`no free file name for ${name} in ${dir}`);
}

async function errorFrom(res: Response): Promise<ApiError> {
  try {
    return ApiError.fromBody(res.status, await res.json());
  } catch {
    return ApiError.fromBody(res.status, null);
  }
}

/** The `saveFile` of main's HTTP ConsoleApi. */
export function createDownloadSaver(
  deps: DownloadSaverDeps,
): (url: string, headers: Record<string, string>) => Promise<SavedDownload> {
  return async (url, headers) => {
    let res: Response;
    try {
      res = await deps.fetch(url, { headers, credentials: 'omit', redirect: 'error' });
    } catch (err) {
      throw unreachable(err);
    }
    if (!res.ok || !res.body) throw await errorFrom(res);
    const fallback = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? 'download');
    const name = fileNameFrom(res.headers.get('content-disposition'), fallback);
    const dir = deps.downloadsDir();
    let target: string | null = null;
    let part: string | null = null;
    try {
      await fs.promises.mkdir(dir, { recursive: true });
      target = await claimFreeName(dir, name);
      part = `${target}.part`;
      await pipeline(
        Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
        progressCounter(deps, fallback, Number(res.headers.get('content-length') ?? Number.NaN)),
        fs.createWriteStream(part, { flags: 'wx' }),
      );
      await fs.promises.rename(part, target);
      return { saved_to: target };
    } catch (err) {
      await Promise.all([part, target].map((p) => (p ? fs.promises.rm(p, { force: true }) : undefined)));
      if (err instanceof ApiError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      // A broken connection mid-file reads as a network failure, not a disk one.
      if (code === undefined || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
        throw new ApiError(0, 'network_error', `The download was interrupted (${(err as Error).message}).`);
      }
      throw new ApiError(0, 'download_write_failed', `The file could not be saved in ${dir} (${code}).`);
    }
  };
}

/** Passes the bytes through and reports the progress (the last report when the file is complete). */
function progressCounter(deps: DownloadSaverDeps, id: string, total: number): Transform {
  const meter = new ProgressMeter({ total, intervalMs: deps.progressIntervalMs, now: deps.now });
  let last: TransferProgress | null = null;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const p = deps.onProgress ? meter.add(chunk.length) : null;
      if (p) deps.onProgress?.(id, (last = p));
      cb(null, chunk);
    },
    flush(cb) {
      // A size the server did not give: the end is known only now.
      const p = meter.current();
      if (deps.onProgress && p.transferred !== last?.transferred) deps.onProgress(id, p);
      cb();
    },
  });
}
