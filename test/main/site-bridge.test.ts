/**
 * The site bridge (`window.consoleSite`) through the real start-up: the same handler path as the
 * ConsoleApi (sender check with every refusal logged, arguments checked against the shared
 * SITE_API_ARGS schema), with Electron's IPC faked at its boundary.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runConsoleApp } from '../../src-main/app/console-app.js';
import { siteChannel } from '../../src-shared/console-bridge.js';
import { cleanupHarnesses, harness } from './support/console-app-harness.js';

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
