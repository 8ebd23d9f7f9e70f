/**
 * The resumable executor on its own against the real appliance feed: a partial file of another
 * build (If-Range no longer matches) restarts from zero, a partial file longer than the build
 * (416) restarts, a download without a published sha512 is refused, 401 keeps its status.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationToken, HttpError } from 'builder-util-runtime';
import { startTestAppliance, tempDir, type TestAppliance } from '../support/appliance.js';
import { makeBuild } from '../support/console-updates.js';
import { publishSigned } from '../support/release-key.js';
import { issueUpdateToken } from '../../src-appliance/console-releases/token-store.js';
import { ResumableHttpExecutor } from '../../src-main/updates/resumable-executor.js';

let app: TestAppliance;
let token: string;
let build: ReturnType<typeof makeBuild>;
const url = () => new URL(`${app.url}/api/console/updates/win/1.1.0/Console%20Setup%201.1.0.exe`);

beforeAll(async () => {
  app = await startTestAppliance();
  build = makeBuild('Console Setup 1.1.0.exe', 300_000);
  await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: build.file });
  token = await issueUpdateToken(app.ctx.db, 'install-exec-001', 1, new Date());
});
afterAll(async () => {
  await app.close();
});

function setup() {
  const dir = tempDir('executor-');
  const partialDir = path.join(dir, 'partial');
  const executor = new ResumableHttpExecutor({ partialDir });
  const partialFile = path.join(
    partialDir,
    `${crypto.createHash('sha256').update(build.sha512).digest('hex').slice(0, 32)}.part`,
  );
  fs.mkdirSync(partialDir, { recursive: true });
  const opts = (sha512: string | null = build.sha512) => ({
    headers: { authorization: `Bearer ${token}` },
    sha512,
    cancellationToken: new CancellationToken(),
  });
  return { dir, executor, partialFile, opts };
}

describe('ResumableHttpExecutor', () => {
  it('a partial file of another build (stale ETag) is discarded: If-Range gets the whole file', async () => {
    const { dir, executor, partialFile, opts } = setup();
    fs.writeFileSync(partialFile, crypto.randomBytes(1000));
    fs.writeFileSync(`${partialFile}.etag`, '"stale-etag"');
    const dest = path.join(dir, 'out.exe');
    await executor.download(url(), dest, opts());
    expect(fs.readFileSync(dest).equals(build.bytes)).toBe(true);
    expect(fs.existsSync(partialFile)).toBe(false);
  });

  it('a partial file longer than the build (416) starts over', async () => {
    const { dir, executor, partialFile, opts } = setup();
    fs.writeFileSync(partialFile, crypto.randomBytes(400_000));
    const dest = path.join(dir, 'out.exe');
    await executor.download(url(), dest, opts());
    expect(fs.readFileSync(dest).equals(build.bytes)).toBe(true);
  });

  it('a matching partial file is completed with Range', async () => {
    const { dir, executor, partialFile, opts } = setup();
    const first = await fetch(url(), { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
    fs.writeFileSync(partialFile, build.bytes.subarray(0, 123_456));
    fs.writeFileSync(`${partialFile}.etag`, first.headers.get('etag')!);
    const dest = path.join(dir, 'out.exe');
    await executor.download(url(), dest, opts());
    expect(fs.readFileSync(dest).equals(build.bytes)).toBe(true);
  });

  it('refuses to download without a sha512, and reports 401 as an HttpError', async () => {
    const { dir, executor, opts } = setup();
    await expect(executor.download(url(), path.join(dir, 'x'), opts(null))).rejects.toMatchObject({
      code: 'ERR_UPDATER_NO_CHECKSUM',
    });
    const err = await executor
      .download(url(), path.join(dir, 'x'), { ...opts(), headers: { authorization: 'Bearer wrong' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).statusCode).toBe(401);
    expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
  });
});
