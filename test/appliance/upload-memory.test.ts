/**
 * A 200 MB console build published by upload is streamed to disk, not buffered: the appliance runs
 * as its own process (what `npm run appliance` starts), and its resident memory is read from
 * /proc while the build goes up. The peak (VmHWM, reset through clear_refs before the upload)
 * must stay far below the size of the build.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN, tempDir } from '../support/appliance.js';
import { ADMIN_ENV, startChildAppliance, type ChildAppliance } from '../support/child-appliance.js';
import { tokenFor } from '../support/api-client.js';
import { signBuild, TEST_RELEASE_KEY } from '../support/release-key.js';

const BUILD_BYTES = 200 * 1024 * 1024;
/** What the appliance may grow by while the build goes up: buffers and GC slack, not the build. */
const GROWTH_LIMIT = 64 * 1024 * 1024;

let appliance: ChildAppliance;
let dataDir: string;
let build: string;

/** kB figures of /proc/<pid>/status, in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** 200 MB of incompressible bytes, written 1 MiB at a time (never the whole file in memory here either). */
function writeBuild(file: string): void {
  const fd = fs.openSync(file, 'w');
  const block = crypto.randomBytes(1024 * 1024);
  for (let i = 0; i < BUILD_BYTES / block.length; i++) {
    block.writeUInt32LE(i, 0);
    fs.writeSync(fd, block);
  }
  fs.closeSync(fd);
}

beforeAll(async () => {
  dataDir = tempDir('upload-memory-');
  build = path.join(tempDir('upload-memory-build-'), 'Support Console Setup 3.0.0.exe');
  writeBuild(build);
  appliance = await startChildAppliance(dataDir, { ...ADMIN_ENV, APPLIANCE_RELEASE_KEYS: TEST_RELEASE_KEY.publicKey });
}, 180_000);
afterAll(async () => {
  await appliance?.stop();
  fs.rmSync(path.dirname(build), { recursive: true, force: true });
});

it('a 200 MB build is streamed to disk: the appliance process grows by far less than the build', async () => {
  const pid = appliance.child.pid!;
  const token = await tokenFor(appliance, ADMIN.username, ADMIN.password);
  const signature = await signBuild(build, '3.0.0');
  const before = memoryOf(pid);
  // "5" resets the peak resident size to the current one (Linux 4.0+), so VmHWM is the upload's peak.
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  let sampledPeak = before.rss;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, memoryOf(pid).rss)), 25);

  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL('/api/admin/console-releases', appliance.url);
    url.search = new URLSearchParams({ platform: 'win', version: '3.0.0', file_name: path.basename(build) }).toString();
    const req = http.request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': BUILD_BYTES,
        'x-release-signature': signature,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    fs.createReadStream(build).pipe(req);
  });
  clearInterval(sampler);
  const after = memoryOf(pid);

  expect(status, body).toBe(201);
  const stored = path.join(dataDir, 'console-releases', 'win', '3.0.0', path.basename(build));
  expect(fs.statSync(stored).size).toBe(BUILD_BYTES);
  const peak = Math.max(after.peak, sampledPeak);
  const growth = peak - before.rss;
  console.log(
    `appliance RSS before ${(before.rss / 2 ** 20).toFixed(0)} MiB, peak during the 200 MiB upload ${(peak / 2 ** 20).toFixed(0)} MiB (+${(growth / 2 ** 20).toFixed(0)} MiB)`,
  );
  expect(growth).toBeLessThan(GROWTH_LIMIT);
}, 180_000);
