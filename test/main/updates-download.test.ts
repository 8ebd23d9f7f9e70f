/**
 * Update downloads and their failure paths: a tampered artifact is refused (sha512) and nothing is
 * handed to the installer; a download cut at 50 % resumes with Range, in the same attempt and in
 * the next one; network and disk failures get their own messages and back off; when the feed
 * stays unreachable it is 1.1gws. Real electron-updater against the real appliance (through a
 * TCP proxy that plays the broken network).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { makeBuild } from '../support/console-updates.js';
import { startTestConsole, type TestConsole } from './support/updater-harness.js';
import { CuttingProxy } from './support/cutting-proxy.js';
import { publishSigned } from '../support/release-key.js';
import { UPDATE_FAILURE_MESSAGE } from '../../src-shared/api/updates.js';

const SIZE = 4 * 1024 * 1024 + 123;
const ARTIFACT = '/api/console/updates/win/1.1.0/Console%20Setup%201.1.0.exe';
let app: TestAppliance;
let proxy: CuttingProxy;
let build: ReturnType<typeof makeBuild>;

beforeEach(async () => {
  app = await startTestAppliance();
  proxy = new CuttingProxy(Number(new URL(app.url).port));
  await proxy.start();
});
afterEach(async () => {
  await proxy.close();
  await app.close();
});

async function loggedInConsole(extra: Partial<Parameters<typeof startTestConsole>[0]> = {}): Promise<TestConsole> {
  const c = await startTestConsole({ siteUrl: proxy.url, ...extra });
  await c.session.api().login({ username: ADMIN.username, password: ADMIN.password });
  expect(await c.updates.lastTokenStep()).toBe('issued');
  build = makeBuild('Console Setup 1.1.0.exe', SIZE);
  await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: build.file });
  return c;
}

const sha512 = (file: string) => crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64');
const artifactRequests = () => proxy.requests.filter((r) => r.line.includes(ARTIFACT));
const partialFiles = (c: TestConsole) =>
  fs.existsSync(path.join(c.root, 'cache', 'partial')) ? fs.readdirSync(path.join(c.root, 'cache', 'partial')) : [];

describe('verification and resume', () => {
  it('a tampered artifact is refused: nothing handed to the installer, nothing left behind; fixed, the retry succeeds', async () => {
    const c = await loggedInConsole();
    const stored = path.join(app.dataDir, 'console-releases', 'win', '1.1.0', 'Console Setup 1.1.0.exe');
    const tampered = Buffer.from(build.bytes);
    tampered[SIZE >> 1] = tampered[SIZE >> 1]! ^ 0xff;
    fs.writeFileSync(stored, tampered);

    expect(await c.updates.start()).toEqual({ status: 'failed', kind: 'verification', retryInMs: 10 });
    expect(c.ready).toEqual([]);
    expect(c.adapter.quitHandlers).toHaveLength(0); // nothing will be installed at quit either
    expect(partialFiles(c)).toEqual([]);
    const pending = path.join(c.root, 'cache', 'support-console-updater', 'pending');
    expect(fs.existsSync(pending) ? fs.readdirSync(pending).filter((f) => f.endsWith('.exe')) : []).toEqual([]);
    expect(c.notices.map((n) => n.kind)).toEqual(['verification']);
    expect(c.log.lines.some((l) => /sha512 checksum mismatch/.test(l.msg))).toBe(true);

    fs.writeFileSync(stored, build.bytes);
    c.retries.shift()!.run();
    await expect.poll(() => c.ready.length).toBe(1);
    expect(sha512(c.ready[0]!.file)).toBe(build.sha512);
    expect(c.adapter.quitHandlers).toHaveLength(1);
  });

  it('a download cut at 50 % resumes with Range in the same attempt and completes', async () => {
    const c = await loggedInConsole();
    proxy.cutNext = { match: ARTIFACT, afterBytes: SIZE >> 1 };
    const outcome = await c.updates.start();
    expect(outcome).toMatchObject({ status: 'downloaded', version: '1.1.0' });
    const reqs = artifactRequests();
    expect(reqs).toHaveLength(2);
    expect(reqs[0]!.range).toBeNull();
    const from = Number(/^bytes=(\d+)-$/.exec(reqs[1]!.range ?? '')?.[1]);
    // Cut after half of the response (headers included): the resume starts just under 50 %.
    expect(from).toBeGreaterThan(SIZE * 0.45);
    expect(from).toBeLessThan(SIZE * 0.5);
    expect(sha512((outcome as { file: string }).file)).toBe(build.sha512);
    expect(partialFiles(c)).toEqual([]);
  });

  it('a cut download resumes in the next attempt when the network stays down for a while', async () => {
    const c = await loggedInConsole();
    proxy.cutNext = { match: ARTIFACT, afterBytes: SIZE >> 1 };
    // Down right after the cut: the immediate resume fails, the attempt fails as a network error.
    const origPush = proxy.requests.push.bind(proxy.requests);
    proxy.requests.push = (...r) => {
      if (r[0]!.line.includes(ARTIFACT)) proxy.refuse = true;
      return origPush(...r);
    };
    expect(await c.updates.start()).toEqual({ status: 'failed', kind: 'network', retryInMs: 10 });
    expect(c.notices.map((n) => n.kind)).toEqual(['network']);
    const kept = partialFiles(c).filter((f) => f.endsWith('.part'));
    expect(kept).toHaveLength(1);
    expect(fs.statSync(path.join(c.root, 'cache', 'partial', kept[0]!)).size).toBeGreaterThan(SIZE * 0.45);
    expect(c.ready).toEqual([]);

    proxy.requests.push = origPush;
    proxy.refuse = false;
    c.retries.shift()!.run();
    await expect.poll(() => c.ready.length, { timeout: 10_000 }).toBe(1);
    const last = artifactRequests().at(-1)!;
    expect(last.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(last.range!)![0])).toBeGreaterThan(SIZE * 0.45);
    expect(sha512(c.ready[0]!.file)).toBe(build.sha512);
  });
});

describe('other failures', () => {
  it('network: its own message once, backoff retries, then 1.1gws when the feed stays unreachable', async () => {
    const c = await loggedInConsole();
    proxy.refuse = true;
    expect(await c.updates.start()).toEqual({ status: 'failed', kind: 'network', retryInMs: 10 });
    expect(c.notices[0]!.message).toMatch(/could not reach the server/);
    c.retries.shift()!.run();
    await expect.poll(() => c.retries.length).toBe(1);
    expect(c.retries[0]!.ms).toBe(20);
    expect(c.notices).toHaveLength(1); // shown once per series
    const last = await c.updates.check('retry');
    expect(last).toEqual({ status: 'failed', kind: '1.1gws', retryInMs: null });
    expect(c.notices.at(-1)!.message).toBe(UPDATE_FAILURE_MESSAGE.en);
    expect(await c.secrets.get('update_token')).not.toBeNull(); // unreachable is not "refused"
  });

  it('disk: its own message and a retry', async () => {
    const blocker = path.join(app.dataDir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const c = await loggedInConsole({ partialDir: path.join(blocker, 'partial') });
    const outcome = await c.updates.start();
    expect(outcome).toEqual({ status: 'failed', kind: 'disk', retryInMs: 10 });
    expect(c.notices[0]!.message).toMatch(/could not be saved on this computer/);
    expect(c.ready).toEqual([]);
  });

  it('silent mode: network failure only in the log and exit code', async () => {
    const c = await loggedInConsole({ silent: true });
    proxy.refuse = true;
    await c.updates.start();
    expect(c.notices).toEqual([]);
    expect(c.exitCodes).toEqual([21]);
  });
});
