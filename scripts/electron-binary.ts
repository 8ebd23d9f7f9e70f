/**
 * Finds the Electron executable WITHOUT loading the `electron` package (its index.js downloads the
 * binary when it is missing, and nothing may be downloaded here). Same lookup as that index.js:
 * ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron/dist/<path.txt>.
 */
import fs from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export const GET_ELECTRON_HELP = [
  "To get it (needs access to Electron's GitHub releases):",
  '  node node_modules/electron/install.js      # downloads the version in package.json into node_modules/electron/dist',
  'or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron build of the same version.',
].join('\n');

export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return fs.existsSync(candidate)
      ? { found: true, path: candidate }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }
  if (!relative)
    return {
      found: false,
      reason:
        'the Electron binary is not installed (node_modules/electron/path.txt is missing; its download did not run)',
    };
  const candidate = path.join(pkgDir, 'dist', relative);
  return fs.existsSync(candidate)
    ? { found: true, path: candidate }
    : { found: false, reason: `the Electron binary is not installed (${candidate} is missing)` };
}
