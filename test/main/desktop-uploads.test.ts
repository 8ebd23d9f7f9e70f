/**
 * Uploads from the desktop console, through main as the app wires it (runConsoleApp, the fake IPC
 * pair, the preload's bridges) against the REAL appliance: the file is chosen in main's dialog and
 * the window gets an id, its name and size, never a path; publishing with the id streams it with
 * the session's token and the window hears its progress; an id main did not hand out, extra
 * arguments, no session or a wrong signature are refused with their codes, and a 401 ends main's
 * session as any call's does. The builds are older
 * than the console (1.0.0), so publishing them does not move the site past it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, tempDir, type TestAppliance } from '../support/appliance.js';
import { expectApiError } from '../support/expect-api-error.js';
import { makeBuild } from '../support/console-updates.js';
import { signBuild } from '../support/release-key.js';
import { cleanupHarnesses, harness } from './support/console-app-harness.js';
import { startDesktop } from './support/desktop-harness.js';
import { call } from '../support/api-client.js';
import { createDesktopUploads } from '../../src-main/uploads/desktop-uploads.js';
import { createUploadSender } from '../../src-main/uploads/upload-sender.js';
import { runConsoleApp, type RunningConsole } from '../../src-main/app/console-app.js';
import { createConsoleBridge, createUploadsBridge } from '../../src-main/ipc/console-bridge-preload.js';
import { hostFromBridge, unwrapBridge } from '../../src-shared/console-bridge.js';
import { DESKTOP_UPLOAD_METHODS, uploadsChannel, type DesktopUploads } from '../../src-shared/desktop-uploads.js';
import { type ConsoleEvent } from '../../src-shared/desktop-events.js';

let app: TestAppliance;
let running: RunningConsole | null = null;
beforeAll(async () => {
  app = await startTestAppliance();
});
afterEach(() => {
  running?.dispose();
  running = null;
  cleanupHarnesses();
});
afterAll(() => app?.close());

/** A desktop console on this appliance whose open dialog answers `chosen` (null: cancelled). */
async function desktop(chosen: () => string | null) {
  const dialogs: number[] = [];
  const h = harness({
    ini: { SITEURL: app.url },
    confirm: true,
    chooseFile: async () => {
      dialogs.push(Date.now());
      return chosen();
    },
  });
  running = await runConsoleApp(h.deps);
  const uploadsBridge = createUploadsBridge(h.pair.ipcRenderer);
  const host = hostFromBridge(createConsoleBridge(h.pair.ipcRenderer), undefined, uploadsBridge);
  const uploads = unwrapBridge<DesktopUploads>(uploadsBridge, DESKTOP_UPLOAD_METHODS);
  const events: ConsoleEvent[] = [];
  host.onEvent((e) => events.push(e));
  return { h, host, uploads, events, dialogs };
}

const stored = (version: string) => path.join(app.dataDir, 'console-releases', 'win', version, 'Setup.exe');

describe('uploads from the desktop console', () => {
  it('a build chosen in main’s dialog is published by its id, with progress to the window; no path reaches it', async () => {
    const build = makeBuild('Setup.exe', 400 * 1024, tempDir('desktop-build-'));
    const d = await desktop(() => build.file);
    await d.host.login({ username: ADMIN.username, password: ADMIN.password });
    const picked = await d.uploads.pickFile();
    expect(picked).toEqual({ file_id: expect.any(String), name: 'Setup.exe', size: build.bytes.length });
    expect(JSON.stringify(picked)).not.toContain(path.dirname(build.file));
    const answer = await d.uploads.publishRelease({
      file_id: picked!.file_id,
      platform: 'win',
      version: '0.6.0',
      file_name: 'Setup.exe',
      signature: await signBuild(build.file, '0.6.0'),
    });
    expect(answer.release).toMatchObject({ version: '0.6.0', sha512: build.sha512 });
    expect(fs.readFileSync(stored('0.6.0')).equals(build.bytes)).toBe(true);
    const progress = d.events.flatMap((e) =>
      e.type === 'upload.progress' && e.data.file_id === picked!.file_id ? [e.data.progress.transferred] : [],
    );
    expect(progress.at(-1)).toBe(build.bytes.length);
  });

  it('the renderer’s host: an installer main picked is sent with the screen’s progress callback', async () => {
    const msi = makeBuild('elevation-service-x64.msi', 300 * 1024, tempDir('desktop-msi-'));
    const d = await desktop(() => msi.file);
    await d.host.login({ username: ADMIN.username, password: ADMIN.password });
    const file = (await d.host.uploads!.pickFile!())!;
    const sent: [number, number | null][] = [];
    const answer = await d.host.uploads!.replaceDownload(
      { id: 'elevation-service-x64', file, file_name: file.name },
      (n, total) => sent.push([n, total]),
    );
    expect(answer).toMatchObject({ item: { id: 'elevation-service-x64', available: true, size: msi.bytes.length } });
    expect(sent.at(-1)).toEqual([msi.bytes.length, msi.bytes.length]);
    // A file from the page (not one main picked) is not sent by this host.
    await expectApiError(
      d.host.uploads!.replaceDownload(
        { id: 'elevation-service-x64', file: new File(['x'], 'x.msi'), file_name: 'x.msi' },
        () => undefined,
      ),
      'bad_request',
    );
  });

  it('a cancelled dialog answers null', async () => {
    const d = await desktop(() => null);
    expect(await d.uploads.pickFile()).toBeNull();
    expect(d.dialogs).toHaveLength(1);
  });

  it('an id main did not hand out, a path for an id, or an extra argument is refused; nothing is read or stored', async () => {
    const build = makeBuild('Setup.exe', 1024, tempDir('desktop-build-'));
    const d = await desktop(() => build.file);
    await d.host.login({ username: ADMIN.username, password: ADMIN.password });
    const signature = await signBuild(build.file, '0.6.1');
    const fields = { platform: 'win', version: '0.6.1', file_name: 'Setup.exe', signature };
    await expectApiError(d.uploads.publishRelease({ file_id: 'made-up', ...fields }), 'bad_request');
    await expectApiError(d.uploads.publishRelease({ file_id: build.file, ...fields }), 'bad_request');
    const picked = (await d.uploads.pickFile())!;
    const withPath = await d.h.pair.ipcRenderer.invoke(uploadsChannel('publishRelease'), {
      file_id: picked.file_id,
      ...fields,
      path: '/etc/passwd',
    });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'ipc_invalid_arguments' } });
    expect(fs.existsSync(stored('0.6.1'))).toBe(false);
  });

  it('without a session: unauthenticated; a signature of another version: release_signature_invalid', async () => {
    const build = makeBuild('Setup.exe', 2048, tempDir('desktop-build-'));
    const d = await desktop(() => build.file);
    const picked = (await d.uploads.pickFile())!;
    const upload = {
      file_id: picked.file_id,
      platform: 'win',
      version: '0.6.2',
      file_name: 'Setup.exe',
      signature: await signBuild(build.file, '0.6.3'),
    };
    await expectApiError(d.uploads.publishRelease(upload), 'unauthenticated');
    await d.host.login({ username: ADMIN.username, password: ADMIN.password });
    await expectApiError(d.uploads.publishRelease(upload), 'release_signature_invalid');
    expect(fs.existsSync(stored('0.6.2'))).toBe(false);
  });

  it('a refused upload is told to main’s session: a 401 forgets the token, another refusal keeps it', async () => {
    // The desktop harness has no event socket, so the upload's answer is the only news of the end.
    const build = makeBuild('Setup.exe', 2048, tempDir('desktop-build-'));
    const d = await startDesktop(app.url);
    try {
      const uploads = createDesktopUploads({
        chooseFile: async () => build.file,
        send: createUploadSender({ fetch: globalThis.fetch }),
        siteUrl: () => app.url,
        session: d.session,
      });
      await d.host.login({ username: ADMIN.username, password: ADMIN.password });
      const token = (await d.secrets.get('session_token'))!;
      const picked = (await uploads.pickFile())!;
      const upload = { file_id: picked.file_id, platform: 'win', version: '0.6.4', file_name: 'Setup.exe' };
      await expectApiError(
        uploads.publishRelease({ ...upload, signature: await signBuild(build.file, '0.6.5') }),
        'release_signature_invalid',
      );
      expect(d.session.token()).toBe(token);
      expect((await call(app, 'POST', '/api/auth/logout', { token })).status).toBeLessThan(300);
      await expectApiError(
        uploads.publishRelease({ ...upload, signature: await signBuild(build.file, '0.6.4') }),
        'unauthenticated',
      );
      expect(d.session.token()).toBeNull();
      expect(await d.secrets.get('session_token')).toBeNull();
      expect(fs.existsSync(stored('0.6.4'))).toBe(false);
    } finally {
      d.unregister();
      d.cleanup();
    }
  });
});
