/**
 * An appliance that was broken into cannot install a build of its own: it serves a tampered build
 * with a matching sha512 in a latest.yml it rewrote itself, or a genuine build relabelled as a
 * newer version, or a build without or with a foreign signature, and the console (the real
 * electron-updater and executor under Node, against the real appliance) refuses each before
 * electron-updater sees it: nothing installed, now or at quit, a clear message, exit code 23 in a
 * silent run. IT's own release key (RELEASEKEY) is honoured instead of the built-in keys.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releasesChanged } from '../../src-appliance/console-releases/feed-routes.js';
import { generateReleaseKey, readPrivateReleaseKey } from '../../src-appliance/console-releases/release-key.js';
import { publishConsole } from '../../src-appliance/console-releases/feature.js';
import { BUILT_IN_RELEASE_KEYS } from '../../src-shared/release-keys.js';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { makeBuild } from '../support/console-updates.js';
import { publishSigned, signBuild } from '../support/release-key.js';
import { recordingInstaller } from './support/recording-installer.js';
import { startTestConsole, type TestConsole } from './support/updater-harness.js';

const NAME = 'Console Setup 1.1.0.exe';
let app: TestAppliance;
beforeEach(async () => {
  app = await startTestAppliance();
});
afterEach(async () => {
  await app.close();
});

async function loggedIn(opts: Partial<Parameters<typeof startTestConsole>[0]> = {}): Promise<TestConsole> {
  const c = await startTestConsole({ siteUrl: app.url, ...opts });
  await c.session.api().login({ username: ADMIN.username, password: ADMIN.password });
  expect(await c.updates.lastTokenStep()).toBe('issued');
  return c;
}

/** What a compromised appliance does: rewrites its own release record (and so its latest.yml) and the file. */
async function compromise(version: string, change: { bytes?: Buffer; version?: string; signature?: string | null }) {
  const row = await app.ctx.db
    .selectFrom('console_releases')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  const stored = path.join(app.dataDir, row.stored_path);
  const set: Record<string, unknown> = {};
  if (change.bytes) {
    fs.writeFileSync(stored, change.bytes);
    set.sha512 = crypto.createHash('sha512').update(change.bytes).digest('base64');
    set.size = change.bytes.length;
  }
  if (change.version) {
    const relPath = row.stored_path.replace(`/${version}/`, `/${change.version}/`);
    fs.mkdirSync(path.dirname(path.join(app.dataDir, relPath)), { recursive: true });
    fs.renameSync(stored, path.join(app.dataDir, relPath));
    Object.assign(set, { version: change.version, stored_path: relPath });
  }
  if (change.signature !== undefined) set.signature = change.signature;
  await app.ctx.db.updateTable('console_releases').set(set).where('id', '=', row.id).execute();
  releasesChanged(); // it serves what it now holds
}

function expectNothingInstalled(c: TestConsole, evil?: { args(): string[] | null }) {
  expect(c.ready).toEqual([]); // electron-updater never got the file
  expect(c.adapter.quitHandlers).toHaveLength(0); // so nothing is installed at quit either
  expect(c.prompts).toEqual([]);
  const pending = path.join(c.root, 'cache', 'support-console-updater', 'pending');
  expect(fs.existsSync(pending) ? fs.readdirSync(pending).filter((f) => !f.startsWith('.')) : []).toEqual([]);
  const partial = path.join(c.root, 'cache', 'partial');
  expect(fs.existsSync(partial) ? fs.readdirSync(partial) : []).toEqual([]);
  if (evil) expect(evil.args()).toBeNull(); // the attacker's "installer" never ran
}

describe('a compromised appliance cannot install its own build', () => {
  it('a tampered build with a matching sha512 in a latest.yml it rewrote: refused, nothing installed, a clear message', async () => {
    const c = await loggedIn();
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: makeBuild(NAME, 300_000).file });
    const evil = recordingInstaller(NAME);
    await compromise('1.1.0', { bytes: fs.readFileSync(evil.file) });

    expect(await c.updates.start()).toEqual({ status: 'failed', kind: 'untrusted', retryInMs: null });
    expectNothingInstalled(c, evil);
    expect(c.notices.map((n) => n.kind)).toEqual(['untrusted']);
    expect(c.notices[0]!.message).toBe(
      'The update the server offered is not signed by the publisher of this console, so it was discarded and nothing was installed. The server may have been tampered with: tell your IT department.',
    );
    expect(c.log.lines.some((l) => /not signed by the publisher's release key/.test(l.msg))).toBe(true);
    expect(c.retries).toEqual([]); // waiting does not make it signed
  });

  it('the same in a silent run: no UI, the reason in the log, exit code 23', async () => {
    const c = await loggedIn({ silent: true });
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: makeBuild(NAME, 50_000).file });
    const evil = recordingInstaller(NAME);
    await compromise('1.1.0', { bytes: fs.readFileSync(evil.file) });
    expect(await c.updates.start()).toMatchObject({ status: 'failed', kind: 'untrusted' });
    expect(c.exitCodes).toEqual([23]);
    expect(c.notices).toEqual([]);
    expectNothingInstalled(c, evil);
    expect(c.log.lines.some((l) => l.level === 'error' && /software update failed \(untrusted\)/.test(l.msg))).toBe(
      true,
    );
  });

  it('a genuine build offered as a newer version than it was signed for: refused', async () => {
    const c = await loggedIn();
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: makeBuild(NAME, 20_000).file });
    await compromise('1.1.0', { version: '9.9.9' });
    expect(await c.updates.start()).toMatchObject({ status: 'failed', kind: 'untrusted' });
    expect(c.log.lines.some((l) => /Found version 9\.9\.9/.test(l.msg))).toBe(true); // the offer was made
    expectNothingInstalled(c);
  });

  it('a latest.yml without the signature, or signed with a key of its own: refused', async () => {
    const c = await loggedIn();
    const build = makeBuild(NAME, 20_000);
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: build.file });
    await compromise('1.1.0', { signature: null });
    expect(await c.updates.start()).toMatchObject({ status: 'failed', kind: 'untrusted' });
    expect(c.log.lines.some((l) => /carries no publisher signature/.test(l.msg))).toBe(true);
    expectNothingInstalled(c);

    const attackerKey = readPrivateReleaseKey(generateReleaseKey().privateKeyPem);
    await compromise('1.1.0', { signature: await signBuild(build.file, '1.1.0', attackerKey) });
    expect(await c.updates.check('retry')).toMatchObject({ status: 'failed', kind: 'untrusted' });
    expectNothingInstalled(c);
  });
});

describe('which keys the console pins', () => {
  it("IT's RELEASEKEY: a build signed with IT's key installs there; a console with the built-in keys refuses it", async () => {
    const itKey = generateReleaseKey();
    const build = makeBuild(NAME, 20_000);
    await app.close();
    app = await startTestAppliance({ releaseKeys: [itKey.publicKey] });
    const pinned = await loggedIn({ releaseKeys: [itKey.publicKey] });
    const builtIn = await loggedIn({ releaseKeys: [...BUILT_IN_RELEASE_KEYS] });
    await publishConsole(app.ctx, {
      version: '1.1.0',
      platform: 'win',
      file: build.file,
      signature: await signBuild(build.file, '1.1.0', readPrivateReleaseKey(itKey.privateKeyPem)),
    });
    expect(await pinned.updates.start()).toMatchObject({ status: 'downloaded', version: '1.1.0' });
    expect(pinned.ready).toHaveLength(1);
    expect(await builtIn.updates.start()).toMatchObject({ status: 'failed', kind: 'untrusted' });
    expectNothingInstalled(builtIn);
  });
});
