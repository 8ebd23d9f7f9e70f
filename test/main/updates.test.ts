/**
 * The console's update path (a logged-in console gets a published release, a fresh install meets
 * one at login, a revoked update token, install options deciding on automatic checks) with the REAL electron-updater code
 * (NsisUpdater + GenericProvider, our Node executor) against the REAL appliance over HTTP.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { makeBuild } from '../support/console-updates.js';
import { startTestConsole, type TestConsole } from './support/updater-harness.js';
import { publishSigned } from '../support/release-key.js';
import { UPDATE_FAILURE_MESSAGE } from '../../src-shared/api/updates.js';
import { resolveInstallOptions } from '../../src-shared/install-options.js';
import { ApiError } from '../../src-shared/errors.js';
import { EventForwarder } from '../../src-main/events/event-forwarder.js';

let app: TestAppliance;
beforeEach(async () => {
  app = await startTestAppliance();
});
afterEach(async () => {
  await app.close();
});

const CREDS = { username: ADMIN.username, password: ADMIN.password };
const tokenRows = (installId: string) =>
  app.ctx.db.selectFrom('update_tokens').selectAll().where('install_id', '=', installId).execute();

/**
 * the main process's event forwarder on the real `/api/events` WebSocket, delivering `site.updated` to the update
 * service the way the app's wiring does.
 */
async function forwardSiteUpdated(c: TestConsole): Promise<{ checks: Promise<unknown>[]; stop(): void }> {
  const checks: Promise<unknown>[] = [];
  const forwarder = new EventForwarder({
    siteUrl: () => app.url,
    token: () => c.session.token(),
    send: (event) => {
      if (event.type === 'site.updated') checks.push(c.updates.onSiteUpdated());
    },
    onSessionEnded: () => {},
    log: c.log,
  });
  forwarder.start();
  await expect.poll(() => forwarder.connected).toBe(true);
  return { checks, stop: () => forwarder.stop() };
}

describe('a console that logged in gets 1.1.0 when the appliance publishes it', () => {
  it('stores the token at first login, does not ask again, and downloads 1.1.0 with a matching sha512', async () => {
    const c = await startTestConsole({ siteUrl: app.url });
    await c.session.api().login(CREDS);
    expect(await c.updates.lastTokenStep()).toBe('issued');
    const token = await c.secrets.get('update_token');
    expect(token).toMatch(/^ut_/);
    expect(await tokenRows(c.session.installId())).toHaveLength(1);
    // The secret is encrypted at rest (FakeSafeStorage is AES-GCM): the token is not in the file.
    const files = fs
      .readdirSync(`${c.adapter.userDataPath}/secrets`)
      .map((f) => fs.readFileSync(`${c.adapter.userDataPath}/secrets/${f}`, 'latin1'));
    expect(files.join('')).not.toContain(token!);

    // A later login keeps the token and does not ask for another.
    await c.session.api().login(CREDS);
    expect(await c.updates.lastTokenStep()).toBe('kept');
    expect(await c.secrets.get('update_token')).toBe(token);
    expect(await tokenRows(c.session.installId())).toHaveLength(1);

    expect(await c.updates.start()).toEqual({ status: 'failed', kind: '1.1gws', retryInMs: null }); // nothing published yet: no feed
    c.notices.length = 0;

    const live = await forwardSiteUpdated(c);
    const build = makeBuild('Console Setup 1.1.0.exe', 2 * 1024 * 1024 + 17);
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: build.file });
    await expect.poll(() => live.checks.length).toBe(1);
    const outcome = (await live.checks[0]) as { status: string; version: string; file: string };
    live.stop();
    expect(outcome).toMatchObject({ status: 'downloaded', version: '1.1.0' });
    const downloaded = fs.readFileSync(outcome.file);
    expect(crypto.createHash('sha512').update(downloaded).digest('base64')).toBe(build.sha512);
    expect(c.ready).toEqual([{ version: '1.1.0', file: outcome.file }]);
    // The technician may be working: asked "Restart now / Later" (Later here: installed at quit).
    expect(c.prompts.map((p) => [p.restartButton, p.laterButton])).toEqual([['Restart now', 'Later']]);
    expect(outcome).toMatchObject({ install: 'at-quit' });
    expect(c.adapter.quitHandlers).toHaveLength(1);
    // electron-updater's own log lines: its GenericProvider found the version and downloaded it.
    expect(c.log.lines.map((l) => l.msg).join('\n')).toMatch(
      /Found version 1\.1\.0 \(url: 1\.1\.0\/Console%20Setup%201\.1\.0\.exe\)[\s\S]*New version 1\.1\.0 has been downloaded/,
    );
    expect(c.notices).toEqual([]);
  });
});

describe("a fresh 1.0.0 install that never logged in meets 1.1.0 (the seed's MSI case)", () => {
  beforeEach(async () => {
    await publishSigned(app.ctx, {
      version: '1.1.0',
      platform: 'win',
      file: makeBuild('Console Setup 1.1.0.exe', 1000).file,
    });
  });

  it('login is 426, there is no token, and 1.1gws is shown (German) with the download link', async () => {
    const c = await startTestConsole({ siteUrl: app.url, language: 'de' });
    const err = await c.session
      .api()
      .login(CREDS)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 426, code: 'console_update_required', details: { console_version: '1.1.0' } });
    expect(await c.updates.handleLoginError(err)).toEqual({ status: 'failed', kind: '1.1gws', retryInMs: null });
    expect(await c.secrets.get('update_token')).toBeNull();
    expect(await app.ctx.db.selectFrom('update_tokens').selectAll().execute()).toHaveLength(0);
    expect(c.notices).toHaveLength(1);
    expect(c.notices[0]).toMatchObject({
      kind: '1.1gws',
      message: UPDATE_FAILURE_MESSAGE.de,
      downloadUrl: `${app.url}/console/#/downloads`,
      downloadButton: 'Downloadseite öffnen',
    });
    // The button opens the appliance's download page.
    expect(c.opened).toEqual([`${app.url}/console/#/downloads`]);
    expect(c.updatersCreated).toBe(0);
  });

  it('in English; and in silent mode only the log and the exit code, no UI', async () => {
    const en = await startTestConsole({ siteUrl: app.url, language: 'en' });
    await en.updates.handleLoginError(
      await en.session
        .api()
        .login(CREDS)
        .catch((e: unknown) => e),
    );
    expect(en.notices[0]!.message).toBe(UPDATE_FAILURE_MESSAGE.en);

    const silent = await startTestConsole({ siteUrl: app.url, silent: true });
    await silent.updates.handleLoginError(
      await silent.session
        .api()
        .login(CREDS)
        .catch((e: unknown) => e),
    );
    expect(silent.notices).toEqual([]);
    expect(silent.opened).toEqual([]);
    expect(silent.exitCodes).toEqual([20]);
    expect(silent.log.lines.some((l) => l.level === 'error' && l.msg.includes(UPDATE_FAILURE_MESSAGE.en))).toBe(true);
  });
});

describe('a revoked token', () => {
  it('gives 1.1gws; the next successful login replaces it and updates work again', async () => {
    await publishSigned(app.ctx, {
      version: '1.0.0',
      platform: 'win',
      file: makeBuild('Console Setup 1.0.0.exe', 500).file,
    });
    const c = await startTestConsole({ siteUrl: app.url });
    await c.session.api().login(CREDS);
    await c.updates.lastTokenStep();
    const first = await c.secrets.get('update_token');
    expect(await c.updates.start()).toEqual({ status: 'up-to-date', version: '1.0.0' });

    const admin = c.session.token()!;
    const list = (await (
      await fetch(`${app.url}/api/admin/update-tokens`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as { items: { id: string; install_id: string }[] };
    const id = list.items.find((i) => i.install_id === c.session.installId())!.id;
    expect(
      (
        await fetch(`${app.url}/api/admin/update-tokens/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${admin}` },
        })
      ).status,
    ).toBe(204);

    expect(await c.updates.start()).toEqual({ status: 'failed', kind: '1.1gws', retryInMs: null });
    expect(c.notices.map((n) => n.message)).toEqual([UPDATE_FAILURE_MESSAGE.en]);
    expect(await c.secrets.get('update_token')).toBeNull();

    await c.session.api().login(CREDS);
    expect(await c.updates.lastTokenStep()).toBe('issued');
    const second = await c.secrets.get('update_token');
    expect(second).toMatch(/^ut_/);
    expect(second).not.toBe(first);
    expect(await c.updates.start()).toEqual({ status: 'up-to-date', version: '1.0.0' });
  });

  it('a revocation the console has not noticed yet is found and replaced at login', async () => {
    const c = await startTestConsole({ siteUrl: app.url });
    await c.session.api().login(CREDS);
    await c.updates.lastTokenStep();
    await app.ctx.db.updateTable('update_tokens').set({ revoked_at: new Date().toISOString() }).execute();
    await c.session.api().login(CREDS);
    expect(await c.updates.lastTokenStep()).toBe('replaced');
    const live = (await tokenRows(c.session.installId())).filter((r) => !r.revoked_at);
    expect(live).toHaveLength(1);
  });
});

describe('install options decide whether the console checks by itself', () => {
  async function loggedInConsole(ini: Record<string, string>) {
    const opts = resolveInstallOptions({ argv: ['console.exe'], ini });
    const c = await startTestConsole({ siteUrl: app.url, autoUpdate: opts.autoUpdate });
    await c.session.api().login(CREDS);
    await c.updates.lastTokenStep();
    await publishSigned(app.ctx, {
      version: '1.1.0',
      platform: 'win',
      file: makeBuild('Console Setup 1.1.0.exe', 4096).file,
    });
    return { c, opts };
  }

  it('ALLUSERS=1 with SHOULDAUTOUPDATE=1: no automatic check (at start or on site.updated)', async () => {
    const { c, opts } = await loggedInConsole({ ALLUSERS: '1', SHOULDAUTOUPDATE: '1' });
    expect(opts.autoUpdate).toBe(false);
    expect(await c.updates.start()).toEqual({ status: 'disabled' });
    expect(await c.updates.onSiteUpdated()).toEqual({ status: 'disabled' });
    expect(c.updatersCreated).toBe(0);
    const row = (await tokenRows(c.session.installId()))[0]!;
    expect(row.last_used_at).toBeNull(); // the feed was never asked
    // Even a 426 does not update it: the technician is sent to the download page.
    const err = new ApiError(426, 'console_update_required', 'update first');
    expect(await c.updates.handleLoginError(err)).toEqual({
      status: 'failed',
      kind: 'update_required',
      retryInMs: null,
    });
    expect(c.opened).toEqual([`${app.url}/console/#/downloads`]);
  });

  it('per-user with SHOULDAUTOUPDATE=1: automatic check finds and downloads 1.1.0', async () => {
    const { c, opts } = await loggedInConsole({ SHOULDAUTOUPDATE: '1' });
    expect(opts.autoUpdate).toBe(true);
    expect(await c.updates.start()).toMatchObject({ status: 'downloaded', version: '1.1.0', install: 'at-quit' });
    expect(c.ready[0]).toMatchObject({ version: '1.1.0' });
    expect(c.prompts.map((p) => p.version)).toEqual(['1.1.0']);
  });
});
