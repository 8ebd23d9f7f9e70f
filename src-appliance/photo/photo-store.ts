/**
 * Profile photos: stored in the database (./photo-repository.ts), so any node serves any photo.
 * Each version gets its own etag (content hash plus a random part), which is also the photo URL's
 * cache key: a replaced photo has a new URL.
 */
import crypto from 'node:crypto';
import { type ApplianceContext } from '../context.js';
import { photoRepository } from './photo-repository.js';

export async function readPhoto(
  ctx: ApplianceContext,
  userId: number,
): Promise<{ etag: string; bytes: Buffer } | null> {
  return photoRepository(ctx.db).find(userId);
}

/** Stores `bytes` as the user's photo and returns its etag (new for every write). */
export async function replacePhoto(ctx: ApplianceContext, userId: number, bytes: Buffer): Promise<string> {
  const etag = `${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 16)}${crypto.randomBytes(6).toString('base64url')}`;
  await photoRepository(ctx.db).replace(userId, { etag, bytes }, ctx.clock.now().toISOString());
  return etag;
}

export async function deletePhoto(ctx: ApplianceContext, userId: number): Promise<boolean> {
  return (await photoRepository(ctx.db).replace(userId, null, ctx.clock.now().toISOString())) !== null;
}
