/* eslint-disable @typescript-eslint/no-explicit-any -- raw IPC calls pass deliberately wrong values */
/**
 * The IPC boundary against the REAL appliance: foreign senders and bad arguments are refused before
 * any HTTP request (counted at the appliance's server), uncloneable values, the fake IPC's Electron
 * semantics, a console without a site, and live-event delivery to the renderer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_EVENT_CHANNEL, consoleChannel } from '../../src-shared/console-api.js';
import { ApiError } from '../../src-shared/errors.js';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { expectApiError } from '../support/expect-api-error.js';
import { call } from '../support/api-client.js';
import { startDesktop } from './support/desktop-harness.js';

let app: TestAppliance;
let requests = 0;

beforeAll(async () => {
  app = await startTestAppliance();
  app.app.server.on('request', () => requests++); // counted at the appliance itself
});
afterAll(async () => {
  await app?.close();
});

describe('the IPC boundary', () => {
  it('refuses foreign senders before any HTTP call', async () => {
    for (const frameUrl of [
      'https://evil.example.com/',
      'file:///tmp/index.html',
      'app://other/index.html',
      `${app.url}/console/`,
      '',
    ]) {
      const d = await startDesktop(app.url, { frameUrl });
      const before = requests;
      await expectApiError(d.host.getSite(), 'ipc_sender_refused', 403);
      await expectApiError(d.host.login({ username: ADMIN.username, password: ADMIN.password }), 'ipc_sender_refused');
      expect(requests).toBe(before);
      expect(await d.secrets.get('session_token')).toBeNull();
      d.cleanup();
    }
  });

  it('refuses the app page inside an iframe (only the top frame is trusted)', async () => {
    const d = await startDesktop(app.url);
    d.pair.frame.parent = {};
    const before = requests;
    await expectApiError(d.host.getSite(), 'ipc_sender_refused');
    expect(requests).toBe(before);
    d.cleanup();
  });

  it('refuses bad arguments before any HTTP call', async () => {
    const d = await startDesktop(app.url);
    const invoke = (m: string, ...args: unknown[]) =>
      d.pair.ipcRenderer.invoke(`console:${m}`, ...args) as Promise<any>;
    const cases: [string, unknown[]][] = [
      ['login', [{ username: 'admin' }]],
      ['login', [{ username: 'admin', password: 'x', client: 'web' }]],
      ['login', [{ username: 'admin', password: 12345 }]],
      ['login', []],
      ['getSite', [{}]],
      ['endSession', ['../admin/users']],
      ['endSession', [42]],
      ['updateAccount', [{}]],
      ['updateAccount', [{ is_admin: true }]],
      ['changeEmail', [{ email_address: 'not-an-email', current_password: 'x' }]],
      ['activateTwoFactor', [{ current_password: 'x', code: '12345a' }]],
      ['uploadPhoto', [{ bytes: new Uint8Array(10), content_type: 'image/gif' }]],
      ['uploadPhoto', [{ bytes: 'AAAA', content_type: 'image/png' }]],
      ['uploadPhoto', [{ bytes: new Uint8Array(2 * 1024 * 1024 + 1), content_type: 'image/png' }]],
      ['sendInvitation', [{ to_username: 'admin', message: 'x'.repeat(501) }]],
      ['requestPasswordReset', [{ username_or_email: '' }]],
      ['listPasskeys', [{}]],
      ['renamePasskey', [{ id: '../sessions', name: 'x' }]],
      ['renamePasskey', [{ id: 'pk1', name: 'x'.repeat(65) }]],
      ['deletePasskey', ['pk1']],
      ['deletePasskey', [{ id: 'pk1', current_password: '' }]],
      ['listActivity', [{ cursor: '../admin/users/1/activity' }]],
      ['listActivity', [{ user_id: 1 }]],
      ['listActivity', []],
    ];
    const before = requests;
    for (const [method, args] of cases) {
      const result = await invoke(method, ...args);
      expect(result, `${method} ${JSON.stringify(args).slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'ipc_invalid_arguments', status: 400 },
      });
    }
    expect(requests).toBe(before);
    // Through the typed host the same refusal is an ApiError.
    await expectApiError(d.host.login({ username: 'admin' } as any), 'ipc_invalid_arguments', 400);
    expect(requests).toBe(before);
    d.cleanup();
  });

  it('a value that cannot be cloned never reaches main; the bridge answers with an envelope', async () => {
    const d = await startDesktop(app.url);
    const before = requests;
    await expectApiError(d.host.login({ username: 'a', password: 'b', toJSON: () => 1 } as any), 'internal_error');
    expect(requests).toBe(before);
    d.cleanup();
  });

  it('the fake IPC behaves like Electron: a thrown ApiError arrives as a plain Error with only the message', async () => {
    const d = await startDesktop(app.url);
    d.pair.ipcMain.handle('probe', async () => {
      throw new ApiError(409, 'conflict', 'busy');
    });
    const err = await d.pair.ipcRenderer.invoke('probe').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ApiError);
    expect((err as any).code).toBeUndefined();
    expect((err as Error).message).toContain('busy');
    d.cleanup();
  });

  it('site not configured: every call answers site_not_configured', async () => {
    const d = await startDesktop('');
    await expectApiError(d.host.getSite(), 'site_not_configured');
    d.cleanup();
  });

  it('onEvent delivers only the allowed live events, cloned, and unsubscribes', async () => {
    const d = await startDesktop(app.url);
    const got: unknown[] = [];
    const off = d.host.onEvent((e) => got.push(e));
    const site = (await call(app, 'GET', '/api/site')).body;
    d.pair.send(CONSOLE_EVENT_CHANNEL, { type: 'site.updated', data: { site } });
    d.pair.send(CONSOLE_EVENT_CHANNEL, { type: 'internal.debug', data: {} });
    d.pair.send(CONSOLE_EVENT_CHANNEL, 'junk');
    d.pair.send(consoleChannel('getSite'), { type: 'site.updated', data: { site } });
    expect(got).toEqual([{ type: 'site.updated', data: { site } }]);
    off();
    expect(d.pair.listenerCount(CONSOLE_EVENT_CHANNEL)).toBe(0);
    d.cleanup();
  });
});
