/**
 * electron-builder.yml (electron-builder itself cannot run here: it downloads Electron and its
 * tools): the targets, names and include script issue 7 asks for, and the publish URL expanded as
 * electron-builder does (${env.X}, ${os}) reaching the real appliance's update feed.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as loadYaml } from 'js-yaml';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { consoleToken, makeBuild, requestUpdateToken } from '../support/console-updates.js';
import { publishConsole } from '../../src-appliance/console-releases/feature.js';
import { PRODUCT_NAME } from '../../build/msi/msi-builder.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the YAML is checked field by field */
const config = loadYaml(fs.readFileSync('electron-builder.yml', 'utf8')) as any;
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { productName: string; main: string };

/** electron-builder's macro expansion for the fields used here. */
function expand(template: string, vars: Record<string, string>, env: Record<string, string>): string {
  return template.replace(/\$\{(env\.)?(\w+)\}/g, (_, isEnv: string | undefined, name: string) => {
    const value = isEnv ? env[name] : vars[name];
    if (value === undefined) throw new Error(`unknown macro ${name}`);
    return value;
  });
}

const targets = (platform: any) => platform.target.map((t: any) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it('names the app as package.json and the MSI do', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe(pkg.productName);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(config.files).toContain('out/**/*');
    expect(pkg.main.startsWith('out/')).toBe(true);
  });

  it('builds the NSIS EXE with the silent include, a dmg, an AppImage and a deb', () => {
    expect(targets(config.win)).toEqual(['nsis']);
    expect(config.nsis.include).toBe('build/installer.nsh');
    expect(fs.existsSync(config.nsis.include)).toBe(true);
    expect(fs.readFileSync(config.nsis.include, 'utf8')).toMatch(/!macro preInit[\s\S]*SetSilent silent/);
    expect(config.nsis.perMachine).toBe(false);
    expect(targets(config.mac)).toEqual(expect.arrayContaining(['dmg', 'zip']));
    expect(targets(config.linux)).toEqual(['AppImage', 'deb']);
  });

  it('gives every artifact a versioned, per-platform, per-arch name', () => {
    const vars = { version: '1.2.3', ext: 'x', arch: 'x64', os: 'any', productName: PRODUCT_NAME };
    expect(expand(config.nsis.artifactName, { ...vars, ext: 'exe' }, {})).toBe('support-console-1.2.3-win-x64.exe');
    expect(expand(config.dmg.artifactName, { ...vars, ext: 'dmg', arch: 'universal' }, {})).toBe('support-console-1.2.3-mac-universal.dmg');
    expect(expand(config.linux.artifactName, { ...vars, ext: 'AppImage', arch: 'x86_64' }, {})).toBe('support-console-1.2.3-linux-x86_64.AppImage');
    expect(expand(config.artifactName, { ...vars, os: 'mac', ext: 'zip', arch: 'universal' }, {})).toBe('support-console-1.2.3-mac-universal.zip');
  });

  describe('publish: the generic provider at the appliance feed', () => {
    let app: TestAppliance;
    let updateToken: string;
    beforeAll(async () => {
      app = await startTestAppliance();
      updateToken = ((await (await requestUpdateToken(app, await consoleToken(app))).json()) as { update_token: string }).update_token;
    });
    afterAll(async () => app?.close());

    it('expands to a feed URL whose channel file the appliance serves, per platform', async () => {
      expect(config.publish).toHaveLength(1);
      const [publish] = config.publish;
      expect(publish).toMatchObject({ provider: 'generic', channel: 'latest', useMultipleRangeRequest: false });
      const channelFiles = { win: 'latest.yml', mac: 'latest-mac.yml', linux: 'latest-linux.yml' } as const;
      for (const [os, channelFile] of Object.entries(channelFiles)) {
        await publishConsole(app.ctx, { version: '1.0.5', platform: os, file: makeBuild(`support-console-1.0.5-${os}.bin`, 2000).file });
        const feed = expand(publish.url, { os }, { APPLIANCE_PUBLIC_URL: app.url });
        expect(feed).toBe(`${app.url}/api/console/updates/${os}`);
        const res = await fetch(`${feed}/${channelFile}`, { headers: { authorization: `Bearer ${updateToken}` } });
        expect([os, res.status]).toEqual([os, 200]);
        const latest = loadYaml(await res.text()) as { version: string; files: { url: string }[] };
        expect(latest.version).toBe('1.0.5');
        // The artifact URL in the channel file resolves against the feed and downloads.
        const artifact = await fetch(new URL(latest.files[0]!.url, `${feed}/`), { headers: { authorization: `Bearer ${updateToken}` } });
        expect(artifact.status).toBe(200);
      }
    });
  });
});
