/**
 * Photos on disk: `<data dir>/photos/<user id>-<etag>`, the current one named by `users.photo_etag`.
 * A replacement is written to a temporary file, fsynced and renamed into place, and only then does
 * the database point at it (one UPDATE). A crash at any moment leaves the database naming a complete
 * file: the old one until the UPDATE commits, the new one after. Leftovers are removed at start.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type ApplianceContext } from '../context.js';
import { userRepository } from '../users/user-repository.js';

export function photosDir(ctx: ApplianceContext): string {
  return path.join(ctx.config.dataDir, 'photos');
}

function photoPath(ctx: ApplianceContext, userId: number, etag: string): string {
  return path.join(photosDir(ctx), `${userId}-${etag}`);
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function currentPhotoEtag(ctx: ApplianceContext, userId: number): Promise<string | null> {
  return userRepository(ctx.db).photoEtag(userId);
}

export async function readPhoto(
  ctx: ApplianceContext,
  userId: number,
): Promise<{ etag: string; bytes: Buffer } | null> {
  const etag = await currentPhotoEtag(ctx, userId);
  if (!etag) return null;
  try {
    return { etag, bytes: await fs.promises.readFile(photoPath(ctx, userId, etag)) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Stores `bytes` as the user's photo and returns its etag (new for every write). */
export async function replacePhoto(ctx: ApplianceContext, userId: number, bytes: Buffer): Promise<string> {
  const dir = photosDir(ctx);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  // Content hash plus a random part: every write gets its own file name, so two parallel uploads
  // of the same picture can never delete the file the other one is about to point at.
  const etag = `${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 16)}${crypto.randomBytes(6).toString('base64url')}`;
  const tmp = path.join(dir, `.tmp-${userId}-${crypto.randomBytes(6).toString('hex')}`);
  const handle = await fs.promises.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, photoPath(ctx, userId, etag));
  fsyncDir(dir);
  const previous = await userRepository(ctx.db).swapPhotoEtag(userId, etag, ctx.clock.now().toISOString());
  if (previous && previous !== etag) await fs.promises.rm(photoPath(ctx, userId, previous), { force: true });
  return etag;
}

export async function deletePhoto(ctx: ApplianceContext, userId: number): Promise<boolean> {
  const previous = await userRepository(ctx.db).swapPhotoEtag(userId, null, ctx.clock.now().toISOString());
  if (previous) await fs.promises.rm(photoPath(ctx, userId, previous), { force: true });
  return previous !== null;
}

/** Removes temporary files and photos no user points at (left by a crash mid-replace). */
export async function removePhotoLeftovers(ctx: ApplianceContext): Promise<number> {
  const dir = photosDir(ctx);
  if (!fs.existsSync(dir)) return 0;
  const current = await userRepository(ctx.db).currentPhotoNames();
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    if (current.has(name)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
