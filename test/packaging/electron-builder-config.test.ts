/**
 * electron-builder.yml (electron-builder itself cannot run here: it downloads Electron and its
 * tools): the targets, artifact names and include script, and the publish URL expanded as
 * electron-builder does (${env.X}, ${os}) reaching the real appliance's update feed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as loadYaml } from 'js-yaml';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { consoleToken, makeBuild, requestUpdateToken } from '../support/console-updates.js';
import { publishSigned } from '../support/release-key.js';
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

/** Bare package names imported by the console's main process and the shared code it uses. */
function mainProcessImports(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^.'][^']*)'/g)) {
          const spec = m[1]!;
          if (spec.startsWith('node:') || spec === 'electron') continue;
          names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
  };
  walk('src-main');
  walk('src-shared');
  return [...names];
}

/** package.json paths of `names` and everything they depend on, resolved as Node does. */
function dependencyClosure(names: string[]): Map<string, string> {
  const seen = new Map<string, string>();
  const resolvePkg = (name: string, from: string): string | null => {
    for (let d = from; ; d = path.dirname(d)) {
      const p = path.join(d, 'node_modules', name, 'package.json');
      if (fs.existsSync(p)) return p;
      if (path.dirname(d) === d) return null;
    }
  };
  const visit = (name: string, from: string) => {
    const p = resolvePkg(name, from);
    if (!p || seen.has(p)) return;
    seen.set(p, name);
    const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const d of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(d, path.dirname(p));
  };
  for (const n of names) visit(n, process.cwd());
  return seen;
}

/** A package with a native addon: a node-gyp build or prebuilt `.node` files. */
function isNative(dir: string): boolean {
  if (fs.existsSync(path.join(dir, 'binding.gyp'))) return true;
  const hasNodeFile = (d: string, depth: number): boolean =>
    depth > 0 &&
    fs
      .readdirSync(d, { withFileTypes: true })
      .some((e) =>
        e.isFile()
          ? e.name.endsWith('.node')
          : e.isDirectory() && e.name !== 'node_modules' && hasNodeFile(path.join(d, e.name), depth - 1),
      );
  return hasNodeFile(dir, 4);
}

/** The top-level packages excluded by the `!node_modules/{a,b,...}{,/**\/*}` pattern. */
function excludedPackages(): string[] {
  const pattern = (config.files as string[]).find((f) => f.startsWith('!node_modules/{'))!;
  return /^!node_modules\/\{([^}]+)\}/.exec(pattern)![1]!.split(',');
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

  it("keeps the appliance's packages out of the app without removing anything the main process loads", () => {
    const excluded = excludedPackages();
    const closure = dependencyClosure(mainProcessImports());
    expect([...closure.values()]).toEqual(expect.arrayContaining(['electron-updater', 'ws', 'typebox']));
    const isTopLevel = (pkgJson: string) =>
      /^node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(path.relative(process.cwd(), pkgJson));
    const neededTopLevel = [...closure.entries()].filter(([p]) => isTopLevel(p)).map(([, n]) => n);
    expect(neededTopLevel.filter((n) => excluded.includes(n))).toEqual([]);
    // npmRebuild: false is safe only if no native package is left among the production dependencies.
    expect(config.npmRebuild).toBe(false);
    const pkgDeps = Object.keys(
      (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies,
    );
    const nativeIn = (closureOf: Map<string, string>) =>
      [...closureOf.entries()].filter(([p]) => isNative(path.dirname(p))).map(([, n]) => n);
    expect(nativeIn(dependencyClosure(pkgDeps.filter((d) => !excluded.includes(d))))).toEqual([]);
    // Control: the detector does see the appliance's native packages when nothing is excluded.
    expect(nativeIn(dependencyClosure(pkgDeps))).toEqual(
      expect.arrayContaining(['better-sqlite3', 'argon2', '@img/sharp-linux-x64']),
    );
    expect(excluded).toEqual(expect.arrayContaining(['better-sqlite3', 'argon2', 'sharp']));
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
    expect(expand(config.dmg.artifactName, { ...vars, ext: 'dmg', arch: 'universal' }, {})).toBe(
      'support-console-1.2.3-mac-universal.dmg',
    );
    expect(expand(config.linux.artifactName, { ...vars, ext: 'AppImage', arch: 'x86_64' }, {})).toBe(
      'support-console-1.2.3-linux-x86_64.AppImage',
    );
    expect(expand(config.artifactName, { ...vars, os: 'mac', ext: 'zip', arch: 'universal' }, {})).toBe(
      'support-console-1.2.3-mac-universal.zip',
    );
  });

  describe('publish: the generic provider at the appliance feed', () => {
    let app: TestAppliance;
    let updateToken: string;
    beforeAll(async () => {
      app = await startTestAppliance();
      updateToken = (
        (await (await requestUpdateToken(app, await consoleToken(app))).json()) as { update_token: string }
      ).update_token;
    });
    afterAll(async () => app?.close());

    it('expands to a feed URL whose channel file the appliance serves, per platform', async () => {
      expect(config.publish).toHaveLength(1);
      const [publish] = config.publish;
      expect(publish).toMatchObject({ provider: 'generic', channel: 'latest', useMultipleRangeRequest: false });
      const channelFiles = { win: 'latest.yml', mac: 'latest-mac.yml', linux: 'latest-linux.yml' } as const;
      for (const [os, channelFile] of Object.entries(channelFiles)) {
        await publishSigned(app.ctx, {
          version: '1.0.5',
          platform: os,
          file: makeBuild(`support-console-1.0.5-${os}.bin`, 2000).file,
        });
        const feed = expand(publish.url, { os }, { APPLIANCE_PUBLIC_URL: app.url });
        expect(feed).toBe(`${app.url}/api/console/updates/${os}`);
        const res = await fetch(`${feed}/${channelFile}`, { headers: { authorization: `Bearer ${updateToken}` } });
        expect([os, res.status]).toEqual([os, 200]);
        const latest = loadYaml(await res.text()) as { version: string; files: { url: string }[] };
        expect(latest.version).toBe('1.0.5');
        // The artifact URL in the channel file resolves against the feed and downloads.
        const artifact = await fetch(new URL(latest.files[0]!.url, `${feed}/`), {
          headers: { authorization: `Bearer ${updateToken}` },
        });
        expect(artifact.status).toBe(200);
      }
    });
  });
});
