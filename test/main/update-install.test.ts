/**
 * How a verified update is installed, with the real electron-updater (NsisUpdater's quitAndInstall
 * and install-at-quit) running the downloaded installer, a script that records its arguments:
 *   - a silent run installs at once, silently, without starting the console again (no
 *     `--force-run`), asks nothing and exits with the documented code 10;
 *   - a normal run asks "Restart now / Later" in the console's language: Restart now installs and
 *     starts the console again, Later installs at quit;
 *   - a forced update (426 at login) installs at once without asking.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/errors.js';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { publishSigned } from '../support/release-key.js';
import { electronAutoUpdater } from './support/electron-module-stub.js';
import { recordingInstaller, type RecordingInstaller } from './support/recording-installer.js';
import { startTestConsole, type TestConsole } from './support/updater-harness.js';

let app: TestAppliance;
let installer: RecordingInstaller;
beforeEach(async () => {
  app = await startTestAppliance();
});
afterEach(async () => {
  await app.close();
});

async function consoleWithUpdate(opts: Partial<Parameters<typeof startTestConsole>[0]> = {}): Promise<TestConsole> {
  const c = await startTestConsole({ siteUrl: app.url, ...opts });
  await c.session.api().login({ username: ADMIN.username, password: ADMIN.password });
  expect(await c.updates.lastTokenStep()).toBe('issued');
  installer = recordingInstaller('Console Setup 1.1.0.exe');
  await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: installer.file });
  return c;
}

describe('silent run (--silent)', () => {
  it('an update found at start installs silently without starting the console again, and exits with 10', async () => {
    const c = await consoleWithUpdate({ silent: true });
    const quitForUpdate: unknown[] = [];
    electronAutoUpdater.once('before-quit-for-update', () => quitForUpdate.push(1));
    expect(await c.updates.start()).toMatchObject({ status: 'downloaded', version: '1.1.0', install: 'installing' });
    await expect.poll(installer.args).toEqual(['--updated', '/S']); // no --force-run: no window appears
    expect(c.exitCodes).toEqual([10]);
    expect(c.prompts).toEqual([]);
    expect(c.notices).toEqual([]);
    await expect.poll(() => c.adapter.quits).toBe(1); // electron-updater quits the app for the installer
    expect(quitForUpdate).toHaveLength(1);
    expect(c.log.lines.some((l) => /installing 1\.1\.0 silently; the console is not started again/.test(l.msg))).toBe(
      true,
    );
  });
});

describe('normal run', () => {
  it('asks "Restart now / Later"; Restart now installs and starts the console again', async () => {
    const c = await consoleWithUpdate({ restart: true });
    expect(await c.updates.start()).toMatchObject({ status: 'downloaded', install: 'installing' });
    expect(c.prompts).toEqual([
      {
        version: '1.1.0',
        title: 'Software update',
        message: 'Version 1.1.0 of the console is ready to install.',
        detail: 'Restart now to install it. If you choose Later, it is installed when you quit the console.',
        restartButton: 'Restart now',
        laterButton: 'Later',
      },
    ]);
    await expect.poll(installer.args).toEqual(['--updated', '/S', '--force-run']);
    await expect.poll(() => c.adapter.quits).toBe(1);
    expect(c.exitCodes).toEqual([]);
  });

  it('Later (in German): nothing runs now; quitting the console installs it, without starting it again', async () => {
    const c = await consoleWithUpdate({ restart: false, language: 'de' });
    expect(await c.updates.start()).toMatchObject({ status: 'downloaded', install: 'at-quit' });
    expect(c.prompts[0]).toMatchObject({
      title: 'Softwareaktualisierung',
      message: 'Version 1.1.0 der Konsole ist bereit zur Installation.',
      restartButton: 'Jetzt neu starten',
      laterButton: 'Später',
    });
    expect(c.prompts[0]!.detail).toMatch(/wird sie installiert, wenn Sie die Konsole beenden/);
    expect(installer.args()).toBeNull();
    expect(c.adapter.quits).toBe(0);
    expect(c.adapter.quitHandlers).toHaveLength(1);
    c.adapter.quitHandlers[0]!(0); // the technician quits the console
    await expect.poll(installer.args).toEqual(['--updated', '/S']);
  });

  it('a forced update (426 at login) installs at once without asking', async () => {
    const c = await consoleWithUpdate({ restart: false });
    const outcome = await c.updates.handleLoginError(new ApiError(426, 'console_update_required', 'update first'));
    expect(outcome).toMatchObject({ status: 'downloaded', version: '1.1.0', install: 'installing' });
    expect(c.prompts).toEqual([]);
    await expect.poll(installer.args).toEqual(['--updated', '/S', '--force-run']);
  });
});
