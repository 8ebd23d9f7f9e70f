/**
 * The HTTP executor electron-updater uses for the feed and the download, on Node's http/https
 * (TLS verified as usual: no option turns it off). Its `download` differs from the stock one in
 * two ways:
 *  - a cut download resumes: bytes go to `<partialDir>/<sha512>.part`; when the connection drops
 *    mid-body the next request asks `Range: bytes=<have>-` with `If-Range: <etag>` and appends. The
 *    partial file outlives a failed attempt, so the next check resumes too;
 *  - the whole file's sha512 is checked before it is handed over (renamed to `destination`); a
 *    mismatch deletes the partial file and fails with `ERR_CHECKSUM_MISMATCH`, so a tampered or
 *    damaged build never reaches the installer;
 *  - then `verify` (the publisher's signature, release-verifier.ts) runs on the same bytes; a
 *    refusal deletes the file too.
 * Progress (electron-updater's `download-progress`, when it listens) is measured by a
 * ProgressMeter: at most every `progressIntervalMs`, with the speed of this attempt's bytes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { CancellationError, HttpError, HttpExecutor, newError, type DownloadOptions } from 'builder-util-runtime';
import { ProgressMeter } from '../downloads/progress-meter.js';
import { loopbackLookup } from '../security/loopback-lookup.js';

export interface ResumableExecutorOptions {
  /** Where partial downloads are kept between attempts (created if missing). */
  partialDir: string;
  /** How many times one download may resume after a cut that made progress. */
  maxResumes?: number;
  /** Per-request inactivity timeout. */
  timeoutMs?: number;
  /** Checks a complete download whose sha512 matched, before it is handed over; throws to refuse it. */
  verify?(file: { sha512: string }): Promise<void>;
  /** Least time between two progress reports (default 250 ms). */
  progressIntervalMs?: number;
  /** The progress meter's clock. */
  now?: () => number;
}

export class ResumableHttpExecutor extends HttpExecutor<ClientRequest> {
  private readonly partialDir: string;
  private readonly maxResumes: number;
  private readonly timeoutMs: number;
  private readonly verify: ResumableExecutorOptions['verify'];
  private readonly progress: Pick<ResumableExecutorOptions, 'progressIntervalMs' | 'now'>;

  constructor(opts: ResumableExecutorOptions) {
    super();
    this.partialDir = opts.partialDir;
    this.maxResumes = opts.maxResumes ?? 20;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.verify = opts.verify;
    this.progress = { progressIntervalMs: opts.progressIntervalMs, now: opts.now };
  }

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return (options.protocol === 'http:' ? http : https).request({ ...options, lookup: loopbackLookup }, callback);
  }

  async download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    const expected = options.sha512;
    if (!expected)
      throw newError(
        'The update feed gave no sha512 for the file: refusing to download it unverified',
        'ERR_UPDATER_NO_CHECKSUM',
      );
    fs.mkdirSync(this.partialDir, { recursive: true, mode: 0o700 });
    const key = crypto.createHash('sha256').update(expected).digest('hex').slice(0, 32);
    const partial = path.join(this.partialDir, `${key}.part`);
    const etagFile = `${partial}.etag`;
    const token = options.cancellationToken;

    let resumes = 0;
    for (;;) {
      if (token.cancelled) throw new CancellationError();
      const have = fileSize(partial);
      const etag = have > 0 ? readText(etagFile) : null;
      const headers: Record<string, string> = {
        ...(options.headers as Record<string, string> | null | undefined),
        'cache-control': 'no-cache',
      };
      if (have > 0) {
        headers.range = `bytes=${have}-`;
        if (etag) headers['if-range'] = etag;
      }
      const response = await this.get(url, headers, token);
      const status = response.statusCode ?? 0;
      if (status === 416 && have > 0) {
        response.resume();
        removeFiles(partial, etagFile); // the partial file is longer than the file now: start over
        continue;
      }
      if (status >= 300) {
        response.resume();
        throw new HttpError(status, `Cannot download ${url.pathname}: HTTP ${status}`);
      }
      const append = status === 206 && contentRangeStart(response) === have;
      if (status === 206 && !append) {
        response.resume();
        removeFiles(partial, etagFile);
        continue;
      }
      const newEtag = response.headers.etag;
      if (!append) {
        if (newEtag) fs.writeFileSync(etagFile, newEtag);
        else removeFiles(etagFile);
      }

      const before = append ? have : 0;
      const total = before + Number(response.headers['content-length'] ?? NaN);
      let received = 0;
      let reported = before;
      const onProgress = options.onProgress;
      const meter = new ProgressMeter({
        total,
        startAt: before,
        intervalMs: this.progress.progressIntervalMs,
        now: this.progress.now,
      });
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          received += chunk.length;
          const p = onProgress ? meter.add(chunk.length) : null;
          if (p && onProgress) {
            onProgress({
              total: p.total ?? Number.NaN,
              delta: p.transferred - reported,
              transferred: p.transferred,
              percent: p.percent ?? Number.NaN,
              bytesPerSecond: p.bytes_per_second,
            });
            reported = p.transferred;
          }
          cb(null, chunk);
        },
      });
      const out = fs.createWriteStream(partial, { flags: append ? 'a' : 'w', mode: 0o600 });
      try {
        await pipeline(response, counter, out);
        if (!response.complete)
          throw Object.assign(new Error('connection closed before the end of the file'), { code: 'ECONNRESET' });
      } catch (err) {
        // A write still in flight when the pipeline broke would land after the next attempt's
        // stat(): wait until the file is closed, so the Range we ask for is its final size.
        if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
        if (token.cancelled) throw new CancellationError();
        // Cut mid-body: resume at once if this attempt got somewhere, else let the caller back off
        // (the partial file stays for the next attempt).
        if (received > 0 && resumes < this.maxResumes) {
          resumes++;
          continue;
        }
        throw err;
      }
      break;
    }

    const actual = await sha512Of(partial);
    if (actual.base64 !== expected && actual.hex !== expected) {
      removeFiles(partial, etagFile);
      throw newError(`sha512 checksum mismatch, expected ${expected}, got ${actual.base64}`, 'ERR_CHECKSUM_MISMATCH');
    }
    try {
      await this.verify?.({ sha512: actual.base64 });
    } catch (err) {
      removeFiles(partial, etagFile);
      throw err;
    }
    moveFile(partial, destination);
    removeFiles(etagFile);
    return destination;
  }

  private get(
    url: URL,
    headers: Record<string, string>,
    token: DownloadOptions['cancellationToken'],
  ): Promise<IncomingMessage> {
    return token.createPromise<IncomingMessage>((resolve, reject, onCancel) => {
      const request = this.createRequest(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers,
        },
        resolve,
      );
      request.setTimeout(this.timeoutMs, () =>
        request.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })),
      );
      request.on('error', reject);
      onCancel(() => request.destroy());
      request.end();
    });
  }
}

function contentRangeStart(response: IncomingMessage): number {
  const m = /^bytes (\d+)-\d+\/\d+$/.exec(String(response.headers['content-range'] ?? ''));
  return m ? Number(m[1]) : -1;
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function removeFiles(...files: string[]): void {
  for (const f of files) fs.rmSync(f, { force: true });
}

function moveFile(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    fs.copyFileSync(from, to);
    fs.rmSync(from);
  }
}

async function sha512Of(file: string): Promise<{ base64: string; hex: string }> {
  const hash = crypto.createHash('sha512');
  await pipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), hash);
  const digest = hash.digest();
  return { base64: digest.toString('base64'), hex: digest.toString('hex') };
}
