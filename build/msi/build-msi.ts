/**
 * `npm run dist:msi -- --app-dir <packaged app folder> --version X --arch x64 [--out-dir dist]
 * [--site-url https://…] [--release-key ed25519:…]` builds dist/support-console-X-win-<arch>.msi with wixl (see msi-builder.ts).
 * The app folder is electron-builder's `win-unpacked` output (or any folder, as the tests use).
 */
import { parseArgs } from 'node:util';
import { buildMsi, MSI_ARCHES, type MsiArch } from './msi-builder.js';

function main(): number {
  const { values } = parseArgs({
    options: {
      'app-dir': { type: 'string' },
      version: { type: 'string' },
      arch: { type: 'string', default: 'x64' },
      'out-dir': { type: 'string', default: 'dist' },
      'site-url': { type: 'string' },
      'release-key': { type: 'string' },
    },
    strict: true,
  });
  if (!values['app-dir'] || !values.version) {
    console.error(
      `usage: npm run dist:msi -- --app-dir <folder> --version X.Y.Z [--arch ${MSI_ARCHES.join('|')}] [--out-dir dist] [--site-url URL] [--release-key ed25519:…]`,
    );
    return 2;
  }
  try {
    const out = buildMsi({
      appDir: values['app-dir'],
      version: values.version,
      arch: values.arch as MsiArch,
      outDir: values['out-dir'],
      ...(values['site-url'] ? { siteUrl: values['site-url'] } : {}),
      ...(values['release-key'] ? { releaseKey: values['release-key'] } : {}),
    });
    console.log(out);
    return 0;
  } catch (err) {
    const e = err as Error & { stderr?: Buffer };
    console.error(`dist:msi failed: ${e.message}${e.stderr ? `\n${e.stderr.toString()}` : ''}`);
    return 1;
  }
}

process.exitCode = main();
