/**
 * Main's upload sender against the REAL appliance: a build on disk is published with the session's
 * bearer token and its progress reported up to the whole size; an installer is added the same way;
 * the appliance's refusals (a wrong signature, a file over the cap before its body is read, no
 * session) come back as ApiError with their codes and store nothing; an appliance that is not
 * there is `network_error`.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken } from '../support/api-client.js';
import { expectApiError } from '../support/expect-api-error.js';
import { makeBuild } from '../support/console-updates.js';
import { signBuild } from '../support/release-key.js';
import { createUploadSender, type UploadSite } from '../../src-main/uploads/upload-sender.js';
import { downloadUploadRequest, releaseUploadRequest } from '../../src-shared/upload-requests.js';
import { type TransferProgress } from '../../src-shared/transfer-progress.js';
import { type ReleasePublished } from '../../src-shared/api/updates.js';
import { type DownloadReplaced } from '../../src-shared/api/downloads.js';

const CAP = 512 * 1024;
let app: TestAppliance;
let site: UploadSite;
beforeAll(async () => {
  app = await startTestAppliance({ uploadMaxBytes: CAP });
  site = { baseUrl: app.url, headers: { authorization: `Bearer ${await adminToken(app)}` } };
});
afterAll(() => app?.close());

function sender() {
  const reports: { id: string; progress: TransferProgress }[] = [];
  const send = createUploadSender({
    fetch: globalThis.fetch,
    onProgress: (id, progress) => reports.push({ id, progress }),
    progressIntervalMs: 0,
  });
  return { send, reports };
}

const releaseDir = (version: string) => path.join(app.dataDir, 'console-releases', 'win', version);

describe('sending an upload from main', () => {
  it('publishes a build from disk with the bearer token, reporting progress up to the whole file', async () => {
    const build = makeBuild('Support Console Setup.exe', 300 * 1024);
    const signature = await signBuild(build.file, '5.0.0');
    const { send, reports } = sender();
    const request = releaseUploadRequest({
      platform: 'win',
      version: '5.0.0',
      file_name: 'Support Console Setup.exe',
      signature: `${signature}\n`,
    });
    const answer = await send<ReleasePublished>(site, request, build.file, 'release');
    expect(answer.release).toMatchObject({ version: '5.0.0', size: build.bytes.length, sha512: build.sha512 });
    expect(fs.readFileSync(path.join(releaseDir('5.0.0'), 'Support Console Setup.exe')).equals(build.bytes)).toBe(true);
    const sent = reports.map((r) => r.progress.transferred);
    expect(reports.every((r) => r.id === 'release' && r.progress.total === build.bytes.length)).toBe(true);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(sent[0]).toBe(0);
    expect(sent.at(-1)).toBe(build.bytes.length);
  });

  it('adds an installer the same way', async () => {
    const msi = makeBuild('elevation-service-x64.msi', 40_000);
    const { send } = sender();
    const request = downloadUploadRequest({ id: 'elevation-service-x64', file_name: 'elevation-service-x64.msi' });
    const answer = await send<DownloadReplaced>(site, request, msi.file, 'elevation-service-x64');
    expect(answer).toMatchObject({ replaced: false, item: { available: true, size: 40_000 } });
  });

  it('a signature of another version: ApiError release_signature_invalid, nothing stored', async () => {
    const build = makeBuild('Setup.exe', 8 * 1024);
    const signature = await signBuild(build.file, '5.0.2');
    const request = releaseUploadRequest({ platform: 'win', version: '5.0.1', file_name: 'Setup.exe', signature });
    await expectApiError(sender().send(site, request, build.file, 'x'), 'release_signature_invalid');
    expect(fs.existsSync(releaseDir('5.0.1'))).toBe(false);
  });

  it('a file over the cap is refused before its body: ApiError payload_too_large', async () => {
    const build = makeBuild('Setup.exe', CAP + 1);
    const signature = await signBuild(build.file, '5.0.3');
    const request = releaseUploadRequest({ platform: 'win', version: '5.0.3', file_name: 'Setup.exe', signature });
    await expectApiError(sender().send(site, request, build.file, 'x'), 'payload_too_large');
    expect(fs.existsSync(releaseDir('5.0.3'))).toBe(false);
  });

  it('without a session: unauthenticated; with no appliance listening: network_error', async () => {
    const build = makeBuild('Setup.exe', 1024);
    const request = releaseUploadRequest({ platform: 'win', version: '5.0.4', file_name: 'Setup.exe', signature: 'x' });
    await expectApiError(sender().send({ ...site, headers: {} }, request, build.file, 'x'), 'unauthenticated');
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(port));
      });
    });
    await expectApiError(
      sender().send({ ...site, baseUrl: `http://127.0.0.1:${closedPort}` }, request, build.file, 'x'),
      'network_error',
    );
  });
});
