/**
 * Publishing a console build: copy it into the data directory, hash it, record it (finding
 * releases is ./release-repository.ts). Publishing a version newer than the site's console version
 * is the appliance's software update (see ./site-version.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { copyArtifact, type UploadedArtifact } from './artifact-store.js';
import { type Db } from '../db/database.js';
import { isUniqueViolation } from '../db/repository.js';
import { isConsoleVersion } from '../../src-shared/console-version.js';
import { CONSOLE_PLATFORMS, type ConsolePlatform } from '../../src-shared/api/updates.js';
import { verifyReleaseSignature } from '../../src-shared/release-signature.js';
import { type ConsoleRelease, releaseRepository } from './release-repository.js';

export const RELEASES_DIR = 'console-releases';

/** Why a build was refused: the code the admin route answers with (src-shared/errors.ts). */
export type PublishRefusal =
  | 'validation_failed'
  | 'file_name_invalid'
  | 'bad_request'
  | 'release_unsigned'
  | 'release_exists'
  | 'release_signature_invalid';

export class PublishError extends Error {
  constructor(
    readonly code: PublishRefusal,
    message: string,
  ) {
    super(message);
  }
}

export function isConsolePlatform(value: string): value is ConsolePlatform {
  return (CONSOLE_PLATFORMS as readonly string[]).includes(value);
}

/** Artifact names end up in URLs and paths: keep them to one plain path segment. */
export function isSafeFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/.test(name) && !name.includes('..');
}

export interface PublishInput {
  dataDir: string;
  version: string;
  platform: string;
  /** A build on disk (the CLI) or an upload's stream (Management > Console software). */
  file: string | UploadedArtifact;
  /** The publisher's signature of this build and version (`release-key sign`, the `.sig` beside the build). */
  signature: string | null;
  /** The release public keys a signature must verify against (config.releaseKeys). */
  releaseKeys: readonly string[];
  now: Date;
}

/**
 * Copies `file` to `<dataDir>/console-releases/<platform>/<version>/<name>` (temp file + rename, so
 * a crash never leaves a half-copied artifact under its final name), hashing it while copying,
 * checks the publisher's signature of that hash and the version, then records it. An unsigned or
 * wrongly signed build and a version already published for the platform are refused, and leave
 * nothing behind.
 */
export async function publishRelease(db: Db, input: PublishInput): Promise<ConsoleRelease> {
  const { dataDir, version, platform, file, signature } = input;
  if (!isConsoleVersion(version))
    throw new PublishError('validation_failed', `--version must be a semantic version like 1.2.3, not "${version}"`);
  if (!isConsolePlatform(platform))
    throw new PublishError(
      'validation_failed',
      `--platform must be one of ${CONSOLE_PLATFORMS.join(', ')}, not "${platform}"`,
    );
  const fileName = typeof file === 'string' ? path.basename(file) : file.name;
  if (!isSafeFileName(fileName))
    throw new PublishError(
      'file_name_invalid',
      `the file name "${fileName}" must be letters, digits, ".", "_", "-" or spaces`,
    );
  if (typeof file === 'string') {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new PublishError('bad_request', `cannot read ${file}`);
    }
    if (!stat.isFile()) throw new PublishError('bad_request', `${file} is not a file`);
  }
  if (!signature?.trim())
    throw new PublishError(
      'release_unsigned',
      `${fileName} is not signed: sign it on the build machine with \`release-key sign\` and publish it with its .sig file`,
    );
  const releases = releaseRepository(db);
  if (await releases.exists(platform, version))
    throw new PublishError('release_exists', `version ${version} is already published for ${platform}`);

  const relDir = path.join(RELEASES_DIR, platform, version);
  // Checked on the bytes that were copied, before they get their name: the file cannot change
  // between the check and the copy, and a refused build leaves nothing behind.
  const source = typeof file === 'string' ? file : file.stream;
  const alreadyPublished = () =>
    new PublishError('release_exists', `version ${version} is already published for ${platform}`);
  const { size, digest } = await copyArtifact(
    source,
    path.join(dataDir, relDir),
    fileName,
    'sha512',
    async (stored) => {
      const sha512 = stored.digest.toString('base64');
      if (!(await verifyReleaseSignature(input.releaseKeys, { version, sha512 }, signature)))
        throw new PublishError(
          'release_signature_invalid',
          `the signature does not match ${fileName} as version ${version} for any release key this appliance accepts (APPLIANCE_RELEASE_KEYS)`,
        );
    },
    { replace: false },
  ).catch((err: unknown) => {
    throw (err as { code?: string }).code === 'EEXIST' ? alreadyPublished() : err;
  });
  const row = {
    version,
    platform,
    file_name: fileName,
    stored_path: path.join(relDir, fileName),
    size,
    sha512: digest.toString('base64'),
    published_at: input.now.toISOString(),
    signature: signature.trim(),
  };
  try {
    return { id: await releases.insert(row), ...row };
  } catch (err) {
    // Another publish of this version (another file name) was recorded first: this file goes.
    if (!isUniqueViolation(err)) throw err;
    fs.rmSync(path.join(dataDir, row.stored_path), { force: true });
    throw alreadyPublished();
  }
}
