/**
 * Copies a file (a path, or an upload's stream) into the data directory as published releases and
 * downloads are kept: streamed
 * through a hash, written with mode 0600 under a temporary name, flushed to disk, then renamed, so
 * a reader (or a crash) never sees half a file under the real name. `accept` (a release's signature
 * check) sees the size and digest of the bytes written before the rename; when it throws, the
 * temporary file is removed and nothing is left under either name. With `replace: false` a file
 * already under the name is kept and the copy fails with EEXIST.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file arriving as a stream (an admin's upload) rather than lying on disk (the CLI's path). */
export interface UploadedArtifact {
  name: string;
  stream: Readable;
}

export interface StoredArtifact {
  size: number;
  digest: Buffer;
}

export async function copyArtifact(
  source: string | Readable,
  absDir: string,
  fileName: string,
  algorithm: 'sha256' | 'sha512',
  accept?: (stored: StoredArtifact) => Promise<void>,
  { replace = true }: { replace?: boolean } = {},
): Promise<StoredArtifact> {
  fs.mkdirSync(absDir, { recursive: true, mode: 0o700 });
  const temp = path.join(absDir, `.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const hash = crypto.createHash(algorithm);
  let size = 0;
  let stored: StoredArtifact;
  // Opened here rather than by the write stream: a stream opens its file asynchronously, so a
  // source that has already failed (a client gone before the handler got here) could reject the
  // pipeline first and the clean-up below would run before the file existed.
  const handle = await fs.promises.open(temp, 'wx', 0o600);
  try {
    await pipeline(
      typeof source === 'string' ? fs.createReadStream(source) : source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      handle.createWriteStream(), // closes the handle when it finishes or fails
    );
    const fd = fs.openSync(temp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    stored = { size, digest: hash.digest() };
    await accept?.(stored);
    if (replace) fs.renameSync(temp, path.join(absDir, fileName));
    else {
      // A hard link fails with EEXIST where a rename would silently replace a file someone else
      // stored under this name meanwhile (two uploads of one release at the same time).
      fs.linkSync(temp, path.join(absDir, fileName));
      fs.rmSync(temp);
    }
  } catch (err) {
    fs.rmSync(temp, { force: true });
    removeIfEmpty(absDir);
    throw err;
  }
  return stored;
}

/** A refused first file of a version leaves no empty folder behind either. */
function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty (another file of it is published) or already gone.
  }
}
