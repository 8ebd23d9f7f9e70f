/**
 * The site bridge (`window.consoleSite`) through the real start-up: the same handler path as the
 * ConsoleApi (sender check with every refusal logged, arguments checked against the shared
 * SITE_API_ARGS schema), and the rule that a bound site changes only when the technician confirms
 * main's dialog showing the old and the new site. Electron's IPC and dialogs are faked at their
 * boundary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runConsoleApp } from '../../src-main/app/console-app.js';
import { createSiteBridge } from '../../src-main/ipc/console-bridge-preload.js';
import { createFileSecretStore } from '../../src-main/storage/secret-store.js';
import { siteChannel, siteFromBridge } from '../../src-shared/console-bridge.js';
import { cleanupHarnesses, harness } from './support/console-app-harness.js';
import { recordingLog } from './support/fake-safe-storage.js';

afterEach(cleanupHarnesses);

describe('site bridge IPC', () => {
  it('refuses a foreign sender for every site method and logs each refusal', async () => {
    const h = harness();
    const running = (await runConsoleApp(h.deps))!;
    h.pair.frame.url = 'https://evil.example.com/';
    expect(await h.pair.ipcRenderer.invoke(siteChannel('get'))).toMatchObject({
      ok: false,
      error: { code: 'ipc_sender_refused', status: 403 },
    });
    expect(await h.pair.ipcRenderer.invoke(siteChannel('set'), 'https://evil.example.com')).toMatchObject({
      ok: false,
      error: { code: 'ipc_sender_refused' },
    });
    expect(h.logText()).toContain('ipc: refused desktop:site:get from https://evil.example.com/');
    expect(h.logText()).toContain('ipc: refused desktop:site:set from https://evil.example.com/');
    expect(running.site.get()).toBeNull();
    running.dispose();
  });

  it('checks the arguments against the shared schema before the binding sees them', async () => {
    const h = harness();
    const running = (await runConsoleApp(h.deps))!;
    const invoke = (m: 'get' | 'set', ...args: unknown[]) => h.pair.ipcRenderer.invoke(siteChannel(m), ...args);
    const refused = [
      [await invoke('set', 42), /set: \/ .*string/i],
      [await invoke('set', ''), /set: \/ must not have fewer than 1 characters/],
      [
        await invoke('set', `https://a.example.com/${'x'.repeat(2048)}`),
        /set: \/ must not have more than 2048 characters/,
      ],
      [await invoke('set'), /set takes exactly one argument/],
      [await invoke('get', 'x'), /get takes no argument/],
    ] as const;
    for (const [result, reason] of refused) {
      expect(result).toMatchObject({ ok: false, error: { code: 'ipc_invalid_arguments', status: 400 } });
      expect((result as { error: { message: string } }).error.message).toMatch(reason);
    }
    expect(h.logText()).toMatch(/ipc: refused desktop:site:set: set: \//);
    expect(running.site.get()).toBeNull();
    running.dispose();
  });
});

describe('changing a bound site', () => {
  async function boundConsole(opts: Parameters<typeof harness>[0] = {}) {
    const first = harness({ ini: { SITEURL: 'https://a.example.com' } });
    (await runConsoleApp(first.deps))!.dispose(); // nothing bound yet: binds without asking
    expect(first.confirms).toEqual([]);
    return harness({ ...opts, home: first.home });
  }

  it('the renderer cannot re-bind by itself: declined → site_change_refused, binding and session kept', async () => {
    const h = harness({ ini: { SITEURL: 'https://a.example.com' }, confirm: false });
    const running = (await runConsoleApp(h.deps))!;
    expect(h.confirms).toEqual([]); // first run: bound without a question
    const site = siteFromBridge(createSiteBridge(h.pair.ipcRenderer));
    let ended = 0;
    running.session.onEnded(() => ended++);
    await expect(site.set('https://evil.example.com')).rejects.toMatchObject({
      name: 'ApiError',
      code: 'site_change_refused',
      status: 409,
      details: { site_url: 'https://a.example.com' },
    });
    expect(h.confirms).toHaveLength(1);
    expect(h.confirms[0]!.message).toContain('https://a.example.com');
    expect(h.confirms[0]!.message).toContain('https://evil.example.com');
    expect(h.confirms[0]!.detail).toMatch(/console window asked/);
    expect(running.site.get()).toBe('https://a.example.com');
    expect(JSON.parse(fs.readFileSync(path.join(h.userDataDir, 'site.json'), 'utf8')).url).toBe(
      'https://a.example.com',
    );
    expect(ended).toBe(0);
    expect(h.logText()).toMatch(
      /change from https:\/\/a\.example\.com to https:\/\/evil\.example\.com \(console\) declined/,
    );
    running.dispose();
  });

  it('confirmed in the dialog → re-bound, tokens of the old site dropped, session ended', async () => {
    const h = harness({ ini: { SITEURL: 'https://a.example.com' }, confirm: true });
    const running = (await runConsoleApp(h.deps))!;
    const secrets = createFileSecretStore({
      userDataDir: h.userDataDir,
      encryptor: h.deps.encryptor,
      platform: 'linux',
      log: recordingLog(),
    });
    await secrets.set('update_token', 'ut_old_site');
    let ended = 0;
    running.session.onEnded(() => ended++);
    expect(await siteFromBridge(createSiteBridge(h.pair.ipcRenderer)).set('https://b.example.com/')).toBe(
      'https://b.example.com',
    );
    expect(running.site.get()).toBe('https://b.example.com');
    expect(await secrets.get('update_token')).toBeNull();
    expect(ended).toBe(1);
    running.dispose();
  });

  it('one dialog at a time: a second request while one is open is refused at once', async () => {
    let answer!: (yes: boolean) => void;
    const asked: unknown[] = [];
    const h = harness({
      ini: { SITEURL: 'https://a.example.com' },
      confirm: (p) => {
        asked.push(p);
        return new Promise<boolean>((resolve) => (answer = resolve));
      },
    });
    const running = (await runConsoleApp(h.deps))!;
    const site = siteFromBridge(createSiteBridge(h.pair.ipcRenderer));
    const first = site.set('https://b.example.com');
    await expect.poll(() => asked.length).toBe(1);
    await expect(site.set('https://c.example.com')).rejects.toMatchObject({ code: 'site_change_refused' });
    expect(asked).toHaveLength(1);
    answer(true);
    expect(await first).toBe('https://b.example.com');
    running.dispose();
  });

  it('an install configuration naming another site asks at an interactive start (German); declined keeps the old', async () => {
    const h = await boundConsole({ ini: { SITEURL: 'https://b.example.com' }, confirm: false, language: 'de' });
    const running = (await runConsoleApp(h.deps))!;
    expect(h.confirms).toHaveLength(1);
    expect(h.confirms[0]).toMatchObject({
      title: 'Support-Website wechseln?',
      confirmButton: 'Website wechseln',
      cancelButton: 'Aktuelle Website behalten',
    });
    expect(h.confirms[0]!.message).toMatch(/verbunden mit\nhttps:\/\/a\.example\.com[\s\S]*https:\/\/b\.example\.com/);
    expect(h.confirms[0]!.detail).toMatch(/Installationseinstellungen/);
    expect(running.site.get()).toBe('https://a.example.com');
    running.dispose();
  });

  it('a silent run cannot ask: the new install site is not applied, the log says why, exit 2', async () => {
    const h = await boundConsole({ argv: ['x', '--silent'], ini: { SITEURL: 'https://b.example.com' } });
    await runConsoleApp(h.deps);
    expect(h.uiCalls).toEqual([]);
    expect(h.exits).toEqual([2]);
    expect(h.logText()).toMatch(
      /change from https:\/\/a\.example\.com to https:\/\/b\.example\.com \(install\) not applied/,
    );
    expect(JSON.parse(fs.readFileSync(path.join(h.userDataDir, 'site.json'), 'utf8')).url).toBe(
      'https://a.example.com',
    );
  });
});
