/**
 * The publisher's release key for tests: a key pair made once per test file with the production
 * code (`release-key.ts`), accepted by test appliances (startTestAppliance's `releaseKeys`) and
 * pinned by test consoles. `publishSigned` is `publishConsole` with the build signed by it, as a
 * publisher would sign it on the build machine.
 */
import fs from 'node:fs';
import { type ApplianceContext } from '../../src-appliance/context.js';
import { publishConsole } from '../../src-appliance/console-releases/feature.js';
import {
  generateReleaseKey,
  readPrivateReleaseKey,
  sha512OfFile,
  signReleaseStatement,
} from '../../src-appliance/console-releases/release-key.js';

export const TEST_RELEASE_KEY = generateReleaseKey();
const privateKey = readPrivateReleaseKey(TEST_RELEASE_KEY.privateKeyPem);

/** The publisher's signature of `file` as `version` (what `release-key sign` writes into the .sig). */
export async function signBuild(file: string, version: string, key = privateKey): Promise<string> {
  return signReleaseStatement(key, { version, sha512: await sha512OfFile(file) });
}

/** Signs the build with the test release key and publishes it in the running appliance. */
export async function publishSigned(
  ctx: ApplianceContext,
  input: { version: string; platform: string; file: string },
): ReturnType<typeof publishConsole> {
  // A file that cannot be read is publishConsole's to refuse, not the signer's.
  const signature = fs.existsSync(input.file) ? await signBuild(input.file, input.version) : null;
  return publishConsole(ctx, { ...input, signature });
}
