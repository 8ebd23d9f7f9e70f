/**
 * Builds the console's MSI from a packaged app folder: harvest the folder (harvest.ts), run wixl on
 * console.wxs + the harvested fragment, then add what wixl cannot write (msi-patch.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { harvestFragment, listAppFiles, nameGuid } from './harvest.js';
import { patchMsi } from './msi-patch.js';
import { parseReleaseKeyList } from '../../src-shared/release-signature.js';

export const PRODUCT_NAME = 'Support Technician Console';
export const MANUFACTURER = 'Support Console Project';
/**
 * Never change: every version of the MSI carries this upgrade code, so installing a newer one
 * removes the older one (major upgrade) instead of installing side by side.
 */
export const UPGRADE_CODE = '7C1E4F0A-5B2D-4E8C-9A36-0D4B8E2F6A51';
export const MSI_ARCHES = ['x64', 'x86'] as const;
export type MsiArch = (typeof MSI_ARCHES)[number];

export interface BuildMsiOptions {
  appDir: string;
  version: string;
  arch: MsiArch;
  outDir: string;
  /** Bakes a default SITEURL into the Property table; the command line can still override it. */
  siteUrl?: string;
  /** Bakes a default RELEASEKEY (release public keys the console pins); the command line can still override it. */
  releaseKey?: string;
}

export function msiFileName(version: string, arch: MsiArch): string {
  return `support-console-${version}-win-${arch}.msi`;
}

/** Windows Installer versions are major.minor.build with major,minor < 256 and build < 65536. */
export function checkMsiVersion(version: string): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) return `version "${version}" must be major.minor.build (digits only: an MSI cannot carry a pre-release tag)`;
  const [major, minor, build] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major > 255 || minor > 255 || build > 65535)
    return `version "${version}" is out of range for an MSI (255.255.65535 at most)`;
  return null;
}

const SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'console.wxs');

export function buildMsi(o: BuildMsiOptions): string {
  const versionProblem = checkMsiVersion(o.version);
  if (versionProblem) throw new Error(versionProblem);
  if (!(MSI_ARCHES as readonly string[]).includes(o.arch))
    throw new Error(`arch must be one of ${MSI_ARCHES.join(', ')} (wixl 0.101 cannot build arm64)`);
  if (!fs.statSync(o.appDir, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`app folder not found: ${o.appDir}`);
  if (o.siteUrl !== undefined && /["$<>&]/.test(o.siteUrl))
    throw new Error(`site URL contains characters an MSI property cannot carry here: ${o.siteUrl}`);
  if (o.releaseKey !== undefined) {
    const { keys, invalid } = parseReleaseKeyList(o.releaseKey);
    if (invalid.length > 0 || keys.length === 0)
      throw new Error(`release key must be release public keys (ed25519:…), not "${invalid[0] ?? o.releaseKey}"`);
  }

  const win64 = o.arch === 'x64';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-msi-'));
  try {
    const fragment = path.join(workDir, 'app-files.wxs');
    fs.writeFileSync(fragment, harvestFragment(listAppFiles(path.resolve(o.appDir)), UPGRADE_CODE, win64));
    fs.mkdirSync(o.outDir, { recursive: true });
    const out = path.resolve(o.outDir, msiFileName(o.version, o.arch));
    const defines: Record<string, string> = {
      ProductName: PRODUCT_NAME,
      Manufacturer: MANUFACTURER,
      Version: o.version,
      UpgradeCode: UPGRADE_CODE,
      ConfigComponentGuid: nameGuid(UPGRADE_CODE, 'InstallConfig'),
      RegistryKey: `Software\\${MANUFACTURER}\\${PRODUCT_NAME}`,
      Win64: win64 ? 'yes' : 'no',
      ProgramFilesFolder: win64 ? 'ProgramFiles64Folder' : 'ProgramFilesFolder',
      SiteUrl: o.siteUrl ?? '',
      ReleaseKey: o.releaseKey ? parseReleaseKeyList(o.releaseKey).keys.join(',') : '',
    };
    const args = [
      '-a',
      o.arch,
      '-o',
      out,
      ...Object.entries(defines).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      SOURCE,
      fragment,
    ];
    // wixl refuses absolute File/@Source paths: it runs in the app folder, Sources are relative to it.
    execFileSync('wixl', args, { cwd: path.resolve(o.appDir), stdio: ['ignore', 'pipe', 'pipe'] });
    patchMsi(out, workDir);
    return out;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
