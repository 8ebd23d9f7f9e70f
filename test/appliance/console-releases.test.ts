/**
 * Console releases on the real appliance: publish-console (in process and as the real CLI in
 * another process while the server runs), the software update it causes (site versions,
 * `site.updated` to connected consoles), and the console version gate at login.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { cliEnv } from '../support/test-database.js';
import { login, makeBuild } from '../support/console-updates.js';
import { publishSigned, signBuild, TEST_RELEASE_KEY } from '../support/release-key.js';
import { PublishError } from '../../src-appliance/console-releases/release-store.js';
import { currentSiteHash } from '../../src-appliance/downloads/site-hash.js';
import { issueUpdateToken } from '../../src-appliance/console-releases/token-store.js';
import { type LiveEvent } from '../../src-shared/api/events.js';

const run = promisify(execFile);
let app: TestAppliance;

/** A console connected to the event hub (straight on the hub, which the WebSocket route also uses). */
function connectConsole(): LiveEvent[] {
  const received: LiveEvent[] = [];
  app.ctx.events.add(
    { send: (d) => received.push(JSON.parse(d) as LiveEvent), close: () => {} },
    1,
    'session-x',
    'console',
  );
  return received;
}

async function site(): Promise<{ console_version: string; software_version: string }> {
  return (await (await fetch(`${app.url}/api/site`)).json()) as { console_version: string; software_version: string };
}

beforeEach(async () => {
  app = await startTestAppliance();
});
afterEach(async () => {
  await app.close();
});

describe('publish-console', () => {
  it('copies the build into the data directory with its sha512 and size, and is the software update', async () => {
    const build = makeBuild('Console Setup 1.1.0.exe', 300_000);
    const events = connectConsole();
    expect((await site()).console_version).toBe('1.0.0');
    const hashBefore = (await currentSiteHash(app.ctx)).hash;

    const release = await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: build.file });

    const stored = path.join(app.dataDir, 'console-releases', 'win', '1.1.0', 'Console Setup 1.1.0.exe');
    expect(fs.readFileSync(stored).equals(build.bytes)).toBe(true);
    expect(release).toMatchObject({ sha512: build.sha512, size: 300_000, file_name: 'Console Setup 1.1.0.exe' });
    expect(await site()).toMatchObject({ console_version: '1.1.0', software_version: '1.1.0' });
    // The site hash of the elevation service's registry file follows the software version.
    expect((await currentSiteHash(app.ctx)).hash).not.toBe(hashBefore);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'site.updated',
      data: { site: { console_version: '1.1.0', software_version: '1.1.0' } },
    });
    // No temp file is left next to the artifact.
    expect(fs.readdirSync(path.dirname(stored))).toEqual(['Console Setup 1.1.0.exe']);
  });

  it('an older or equal version is recorded but is no software update; duplicates and bad input are refused', async () => {
    await publishSigned(app.ctx, { version: '1.2.0', platform: 'win', file: makeBuild('a.exe', 10).file });
    const events = connectConsole();
    await publishSigned(app.ctx, { version: '1.1.5', platform: 'win', file: makeBuild('b.exe', 10).file });
    await publishSigned(app.ctx, { version: '1.2.0', platform: 'linux', file: makeBuild('c.AppImage', 10).file });
    expect((await site()).console_version).toBe('1.2.0');
    expect(events).toHaveLength(0);

    const f = makeBuild('d.exe', 10).file;
    await expect(publishSigned(app.ctx, { version: '1.2.0', platform: 'win', file: f })).rejects.toThrow(
      /already published/,
    );
    await expect(publishSigned(app.ctx, { version: 'latest', platform: 'win', file: f })).rejects.toThrow(PublishError);
    await expect(publishSigned(app.ctx, { version: '2.0.0', platform: 'win32', file: f })).rejects.toThrow(/platform/);
    await expect(
      publishSigned(app.ctx, { version: '2.0.0', platform: 'win', file: '/nonexistent/x.exe' }),
    ).rejects.toThrow(/cannot read/);
    await expect(
      publishSigned(app.ctx, { version: '2.0.0', platform: 'win', file: makeBuild('..evil.exe', 1).file }),
    ).rejects.toThrow(PublishError);
    expect((await site()).console_version).toBe('1.2.0');
  });

  it('the CLI in another process while the server runs: the server notices and pushes site.updated', async () => {
    const build = makeBuild('Console-1.3.0.AppImage', 50_000);
    fs.writeFileSync(`${build.file}.sig`, await signBuild(build.file, '1.3.0')); // as release-key sign leaves it
    const events = connectConsole();
    const token = await issueUpdateToken(app.ctx.db, 'install-cli-0001', 1, new Date());
    const feed = () =>
      fetch(`${app.url}/api/console/updates/linux/latest-linux.yml`, { headers: { authorization: `Bearer ${token}` } });
    expect((await feed()).status).toBe(404);
    const cli = await run(
      'npx',
      [
        'tsx',
        'src-appliance/cli/main.ts',
        'publish-console',
        '--version',
        '1.3.0',
        '--platform',
        'linux',
        '--file',
        build.file,
      ],
      {
        env: { ...cliEnv(app), APPLIANCE_LOG_LEVEL: 'silent', APPLIANCE_RELEASE_KEYS: TEST_RELEASE_KEY.publicKey },
      },
    );
    expect(cli.stdout).toContain(`sha512 ${build.sha512}`);
    expect(cli.stdout).toContain('Site console and software version are now 1.3.0');
    await expect.poll(() => events.length, { timeout: 10_000 }).toBe(1);
    expect(events[0]).toMatchObject({ type: 'site.updated', data: { site: { console_version: '1.3.0' } } });
    expect((await site()).software_version).toBe('1.3.0');
    // The feed's cached channel file follows the other process's commit too.
    const yml = await (await feed()).text();
    expect(yml).toContain('version: 1.3.0');
    expect(yml).toContain(build.sha512);
  });

  it('the CLI refuses bad arguments with exit codes 2 (usage) and 1 (refused)', async () => {
    const env = cliEnv(app);
    const usage = await run('npx', ['tsx', 'src-appliance/cli/main.ts', 'publish-console', '--version', '1.0.1'], {
      env,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2 });
    const refused = await run(
      'npx',
      [
        'tsx',
        'src-appliance/cli/main.ts',
        'publish-console',
        '--version',
        'x',
        '--platform',
        'win',
        '--file',
        makeBuild('x.exe', 1).file,
      ],
      { env },
    ).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('semantic version');
  });
});

describe('console version gate at login', () => {
  beforeEach(async () => {
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: makeBuild('s.exe', 10).file });
  });

  it('an older console gets 426 console_update_required with the update and download URLs', async () => {
    const r = await login(app, { client: 'console', console_version: '1.0.0', install_id: 'install-gate-1' });
    expect(r.status).toBe(426);
    expect(r.body.error).toMatchObject({
      code: 'console_update_required',
      details: {
        console_version: '1.1.0',
        update_url: `${app.url}/api/console/updates/`,
        download_url: `${app.url}/console/#/downloads`,
      },
    });
    // Even with a wrong password: the gate comes first and does not count toward lockout.
    const wrong = await login(app, { client: 'console', console_version: '1.0.0', password: 'wrong-wrong-wrong' });
    expect(wrong.status).toBe(426);
    const garbage = await login(app, { client: 'console', console_version: 'not-a-version' });
    expect(garbage.status).toBe(426);
  });

  it('the same or a newer console, the browser, and a console without a version log in', async () => {
    for (const body of [
      { client: 'console', console_version: '1.1.0' },
      { client: 'console', console_version: '1.2.0-beta.1' },
      { client: 'web' },
      { client: 'console' },
    ]) {
      expect((await login(app, body)).status, JSON.stringify(body)).toBe(200);
    }
    expect((await login(app, { client: 'console', console_version: '1.1.0-rc.1' })).status).toBe(426);
  });
});
