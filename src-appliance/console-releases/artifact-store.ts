/**
 * Copies a file into the data directory as published releases and downloads are kept: streamed
 * through a hash, written with mode 0600 under a temporary name, flushed to disk, then renamed, so
 * a reader (or a crash) never sees half a file under the real name. `accept` (a release's signature
 * check) sees the size and digest of the bytes written before the rename; when it throws, the
 * temporary file is removed and nothing is left under either name.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface StoredArtifact {
  size: number;
  digest: Buffer;
}

export async function copyArtifact(
  source: string,
  absDir: string,
  fileName: string,
  algorithm: 'sha256' | 'sha512',
  accept?: (stored: StoredArtifact) => Promise<void>,
): Promise<StoredArtifact> {
  fs.mkdirSync(absDir, { recursive: true, mode: 0o700 });
  const temp = path.join(absDir, `.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const hash = crypto.createHash(algorithm);
  let size = 0;
  let stored: StoredArtifact;
  try {
    await pipeline(
      fs.createReadStream(source),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      fs.createWriteStream(temp, { mode: 0o600 }),
    );
    const fd = fs.openSync(temp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    stored = { size, digest: hash.digest() };
    await accept?.(stored);
    fs.renameSync(temp, path.join(absDir, fileName));
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  return stored;
}
