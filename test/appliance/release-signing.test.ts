/**
 * Console releases signed by the publisher's release key: `release-key generate|sign` on the build
 * machine and `publish-console` (the CLI's commands as `npm run appliance -- …` runs them; the
 * publish in another process is in console-releases.test.ts) refusing unsigned and wrongly signed
 * builds (nothing stored, no record, no software update), and the signature carried to consoles in
 * the feed's latest.yml and shown to admins.
 */
import fs from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../src-appliance/cli/commands.js';
import { configFromEnv } from '../../src-appliance/config.js';
import { publishConsole } from '../../src-appliance/console-releases/feature.js';
import { generateReleaseKey, readPrivateReleaseKey } from '../../src-appliance/console-releases/release-key.js';
import { issueUpdateToken } from '../../src-appliance/console-releases/token-store.js';
import { verifyReleaseSignature } from '../../src-shared/release-signature.js';
import { BUILT_IN_RELEASE_KEYS } from '../../src-shared/release-keys.js';
import { startTestAppliance, tempDir, type TestAppliance } from '../support/appliance.js';
import { adminToken } from '../support/api-client.js';
import { makeBuild } from '../support/console-updates.js';
import { cliEnv } from '../support/test-database.js';
import { signBuild, TEST_RELEASE_KEY } from '../support/release-key.js';

type CliResult = { code: number; stdout: string; stderr: string };
let app: TestAppliance;

/** `npm run appliance -- <args>` with this environment: the command from the CLI's table, its output captured. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const [name, ...rest] = args;
    const config = configFromEnv({ ...cliEnv(app), ...env });
    const code = await commands[name!]!.run(config, rest);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function releasesFor(version: string) {
  return app.ctx.db.selectFrom('console_releases').selectAll().where('version', '=', version).execute();
}
const storedFiles = (version: string) => {
  const dir = path.join(app.dataDir, 'console-releases', 'win', version);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};
const siteVersion = async () =>
  ((await (await fetch(`${app.url}/api/site`)).json()) as { console_version: string }).console_version;

beforeAll(async () => {
  app = await startTestAppliance();
});
afterAll(async () => {
  await app?.close();
});

describe('release-key on the build machine', () => {
  it('generate → sign → publish-console: the key pair, the .sig beside the build, accepted with APPLIANCE_RELEASE_KEYS', async () => {
    const dir = tempDir('build-machine-');
    const keyFile = path.join(dir, 'keys', 'release-key.pem');
    const gen = await cli(['release-key', 'generate', '--out', keyFile]);
    expect(gen.code).toBe(0);
    const publicKey = fs.readFileSync(`${keyFile}.pub`, 'utf8').trim();
    expect(publicKey).toMatch(/^ed25519:[A-Za-z0-9_-]{43}$/);
    expect(gen.stdout).toContain(publicKey);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readPrivateReleaseKey(fs.readFileSync(keyFile, 'utf8')).asymmetricKeyType).toBe('ed25519');

    const build = makeBuild('Console Setup 2.1.0.exe', 70_000, dir);
    const signed = await cli(['release-key', 'sign', '--key', keyFile, '--file', build.file, '--version', '2.1.0']);
    expect(signed.code).toBe(0);
    const signature = fs.readFileSync(`${build.file}.sig`, 'utf8').trim();
    expect(await verifyReleaseSignature([publicKey], { version: '2.1.0', sha512: build.sha512 }, signature)).toBe(true);

    const published = await cli(['publish-console', '--version', '2.1.0', '--platform', 'win', '--file', build.file], {
      APPLIANCE_RELEASE_KEYS: `${TEST_RELEASE_KEY.publicKey}, ${publicKey}`,
    });
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect((await releasesFor('2.1.0'))[0]).toMatchObject({ sha512: build.sha512, signature });
  });

  it('generate never overwrites a key and never writes one into the appliance data directory', async () => {
    const keyFile = path.join(tempDir('build-machine-'), 'release-key.pem');
    expect((await cli(['release-key', 'generate', '--out', keyFile])).code).toBe(0);
    const before = fs.readFileSync(keyFile, 'utf8');
    const again = await cli(['release-key', 'generate', '--out', keyFile]);
    expect(again.code).toBe(1);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(before);

    const inside = path.join(app.dataDir, 'keys', 'release-key.pem');
    const refused = await cli(['release-key', 'generate', '--out', inside]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refusing to write a private key into the appliance's data directory/);
    expect(fs.existsSync(inside)).toBe(false);

    expect((await cli(['release-key', 'sign', '--key', keyFile])).code).toBe(2);
    expect((await cli(['release-key', 'rotate'])).code).toBe(2);
  });

  it('publish-console refuses a build without a .sig (exit 1): nothing stored, no record, no software update', async () => {
    const build = makeBuild('Console Setup 3.0.0.exe', 5_000);
    const before = await siteVersion();
    const r = await cli(['publish-console', '--version', '3.0.0', '--platform', 'win', '--file', build.file], {
      APPLIANCE_RELEASE_KEYS: TEST_RELEASE_KEY.publicKey,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not signed/);
    expect(await releasesFor('3.0.0')).toEqual([]);
    expect(storedFiles('3.0.0')).toEqual([]);
    expect(await siteVersion()).toBe(before);
  });
});

describe('publishing checks the signature', () => {
  const other = readPrivateReleaseKey(generateReleaseKey().privateKeyPem);

  it.each([
    ['signed by a key the appliance does not accept', async (f: string) => signBuild(f, '3.1.0', other)],
    ['signed as another version (a genuine build relabelled)', async (f: string) => signBuild(f, '3.0.9')],
    ['the signature of another build', async () => signBuild(makeBuild('x.exe', 10).file, '3.1.0')],
    ['not a signature at all', async () => 'bm90IGEgc2lnbmF0dXJl'],
    ['empty', async () => '  '],
  ])('%s → refused, nothing stored, no record', async (_case, makeSignature) => {
    const build = makeBuild('Console Setup 3.1.0.exe', 40_000);
    const before = await siteVersion();
    await expect(
      publishConsole(app.ctx, {
        version: '3.1.0',
        platform: 'win',
        file: build.file,
        signature: await makeSignature(build.file),
      }),
    ).rejects.toThrow(/not signed|signature does not match/);
    expect(await releasesFor('3.1.0')).toEqual([]);
    expect(storedFiles('3.1.0')).toEqual([]); // the copied temp file is gone too
    expect(await siteVersion()).toBe(before);
  });

  it('a well-signed build is published with its signature, which the feed carries and admins see', async () => {
    const build = makeBuild('Console Setup 3.2.0.exe', 40_000);
    const signature = await signBuild(build.file, '3.2.0');
    await publishConsole(app.ctx, { version: '3.2.0', platform: 'win', file: build.file, signature });
    const token = await issueUpdateToken(app.ctx.db, 'install-signing-01', 1, new Date());
    const yml = await (
      await fetch(`${app.url}/api/console/updates/win/latest.yml`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    expect(loadYaml(yml)).toMatchObject({
      version: '3.2.0',
      files: [{ url: '3.2.0/Console%20Setup%203.2.0.exe', sha512: build.sha512, signature }],
    });
    const list = await fetch(`${app.url}/api/admin/console-releases`, {
      headers: { authorization: `Bearer ${await adminToken(app)}` },
    });
    const items = ((await list.json()) as { items: { version: string; signature: string | null }[] }).items;
    expect(items.find((i) => i.version === '3.2.0')?.signature).toBe(signature);
  });
});

describe('APPLIANCE_RELEASE_KEYS', () => {
  it('defaults to the built-in publisher keys; a list of keys replaces them; anything else stops the start', () => {
    expect(configFromEnv({}).releaseKeys).toEqual(BUILT_IN_RELEASE_KEYS);
    expect(configFromEnv({ APPLIANCE_RELEASE_KEYS: `${TEST_RELEASE_KEY.publicKey}` }).releaseKeys).toEqual([
      TEST_RELEASE_KEY.publicKey,
    ]);
    expect(() => configFromEnv({ APPLIANCE_RELEASE_KEYS: 'ssh-ed25519 AAAA' })).toThrow(/APPLIANCE_RELEASE_KEYS/);
    expect(() => configFromEnv({ APPLIANCE_RELEASE_KEYS: 'ed25519:short' })).toThrow(/APPLIANCE_RELEASE_KEYS/);
  });
});
