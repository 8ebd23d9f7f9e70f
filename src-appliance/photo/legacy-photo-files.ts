/**
 * Earlier versions kept photos as files, `<data dir>/photos/<user id>-<etag>`, the current one
 * named by `users.photo_etag`. At start, each current one moves into the database (unless the user
 * has a photo there already) and the folder is removed, temporary and orphaned files with it. Each
 * file is read whole before anything is deleted, so a crash mid-way only leaves files for the next
 * start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type ApplianceContext } from '../context.js';
import { userRepository } from '../users/user-repository.js';
import { photoRepository } from './photo-repository.js';

export async function moveLegacyPhotoFiles(ctx: ApplianceContext): Promise<number> {
  const dir = path.join(ctx.config.dataDir, 'photos');
  if (!fs.existsSync(dir)) return 0;
  const current = await userRepository(ctx.db).currentPhotoNames();
  const now = ctx.clock.now().toISOString();
  let moved = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!current.has(name)) continue;
    const dash = name.indexOf('-');
    await photoRepository(ctx.db).importLegacy(
      Number(name.slice(0, dash)),
      name.slice(dash + 1),
      await fs.promises.readFile(path.join(dir, name)),
      now,
    );
    moved++;
  }
  await fs.promises.rm(dir, { recursive: true, force: true });
  return moved;
}
