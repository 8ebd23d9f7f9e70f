/**
 * The downloads' files. Layout in the data directory (APPLIANCE_DATA_DIR):
 *   downloads/<catalog id>/<file name>     registered with `npm run appliance -- add-download`
 *   console-releases/<platform>/<version>/  console builds from `publish-console`, which
 *                                           also serve the console entries that name a release
 * A catalog entry is available when its file is registered (or released) and still on disk with
 * the recorded size; otherwise it is listed as unavailable with the reason.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { copyArtifact, type UploadedArtifact } from '../console-releases/artifact-store.js';
import { type Db } from '../db/database.js';
import { isSafeFileName } from '../console-releases/release-store.js';
import { releaseRepository } from '../console-releases/release-repository.js';
import { CATALOG, REGISTRY_FILE_ID, catalogEntry, type CatalogEntry } from './catalog.js';
import { downloadRepository } from './download-repository.js';

export const DOWNLOADS_DIR = 'downloads';

export class AddDownloadError extends Error {
  constructor(
    readonly code: 'not_found' | 'file_name_invalid' | 'file_type_mismatch' | 'bad_request',
    message: string,
  ) {
    super(message);
  }
}

export interface ResolvedFile {
  absPath: string;
  fileName: string;
  size: number;
  sha256: string | null;
  etag: string;
}

export type Resolved =
  { entry: CatalogEntry; file: ResolvedFile; reason: null } | { entry: CatalogEntry; file: null; reason: string };

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** `abs` is inside `root` (after resolving): stored paths never leave their folder. */
function inside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function onDisk(absPath: string, size: number): boolean {
  const st = fs.statSync(absPath, { throwIfNoEntry: false });
  return !!st && st.isFile() && st.size === size;
}

/**
 * Copies `file` (a path, or an admin's upload) into downloads/<id>/ (hashing while copying; temp
 * file + rename) and records it; `replaced` says whether it took the place of an earlier file.
 */
export async function addDownload(
  db: Db,
  dataDir: string,
  id: string,
  file: string | UploadedArtifact,
  now: Date,
): Promise<{ id: string; file_name: string; size: number; sha256: string; replaced: boolean }> {
  const entry = catalogEntry(id);
  if (!entry || id === REGISTRY_FILE_ID) {
    throw new AddDownloadError(
      'not_found',
      `unknown download id "${id}"; one of: ${CATALOG.filter((e) => e.id !== REGISTRY_FILE_ID)
        .map((e) => e.id)
        .join(', ')}`,
    );
  }
  const fileName = typeof file === 'string' ? path.basename(file) : file.name;
  if (!isSafeFileName(fileName))
    throw new AddDownloadError(
      'file_name_invalid',
      `the file name "${fileName}" must be letters, digits, ".", "_", "-" or spaces`,
    );
  const wanted = extensionOf(entry.defaultFileName);
  if (extensionOf(fileName) !== wanted)
    throw new AddDownloadError('file_type_mismatch', `${id} needs a ${wanted} file, not "${fileName}"`);
  if (typeof file === 'string' && !fs.statSync(file, { throwIfNoEntry: false })?.isFile())
    throw new AddDownloadError('bad_request', `cannot read ${file}: not a file`);

  const relDir = path.join(DOWNLOADS_DIR, id);
  const source = typeof file === 'string' ? file : file.stream;
  const { size, digest } = await copyArtifact(source, path.join(dataDir, relDir), fileName, 'sha256');
  const row = {
    id,
    file_name: fileName,
    stored_path: path.join(relDir, fileName),
    size,
    sha256: digest.toString('hex'),
    added_at: now.toISOString(),
  };
  const previous = await downloadRepository(db).replace(row);
  // A replaced file under another name is removed only once the new one is recorded.
  if (previous && previous !== row.stored_path) fs.rmSync(path.join(dataDir, previous), { force: true });
  return { id, file_name: fileName, size, sha256: row.sha256, replaced: previous !== null };
}

/** Resolves every catalog entry except the generated registry file. */
export async function resolveDownloads(db: Db, dataDir: string): Promise<Resolved[]> {
  const rows = new Map((await downloadRepository(db).all()).map((r) => [r.id, r]));
  const downloadsRoot = path.resolve(dataDir, DOWNLOADS_DIR);
  const out: Resolved[] = [];
  for (const entry of CATALOG) {
    if (entry.id === REGISTRY_FILE_ID) continue;
    out.push(await resolveEntry(db, dataDir, downloadsRoot, entry, rows.get(entry.id)));
  }
  return out;
}

export async function resolveDownload(db: Db, dataDir: string, id: string): Promise<Resolved | null> {
  const entry = catalogEntry(id);
  if (!entry || id === REGISTRY_FILE_ID) return null;
  const row = await downloadRepository(db).find(id);
  return resolveEntry(db, dataDir, path.resolve(dataDir, DOWNLOADS_DIR), entry, row ?? undefined);
}

async function resolveEntry(
  db: Db,
  dataDir: string,
  downloadsRoot: string,
  entry: CatalogEntry,
  row: { file_name: string; stored_path: string; size: number; sha256: string } | undefined,
): Promise<Resolved> {
  // The console's current release wins over a registered file: it is what the site updates to.
  if (entry.release) {
    const release = await releaseRepository(db).latest(entry.release.platform);
    if (release && release.file_name.endsWith(entry.release.extension)) {
      const absPath = path.resolve(dataDir, release.stored_path);
      if (inside(path.resolve(dataDir), absPath) && onDisk(absPath, release.size)) {
        const etag = `"r-${Buffer.from(release.sha512, 'base64').subarray(0, 24).toString('base64url')}"`;
        return {
          entry,
          reason: null,
          file: {
            absPath,
            fileName: release.file_name,
            size: release.size,
            sha256: await sha256Of(absPath, release.size),
            etag,
          },
        };
      }
    }
  }
  if (!row) {
    return {
      entry,
      file: null,
      reason: `Not provided on this appliance yet (an administrator adds it with: npm run appliance -- add-download --id ${entry.id} --file <${entry.defaultFileName}>).`,
    };
  }
  const absPath = path.resolve(dataDir, row.stored_path);
  if (!inside(downloadsRoot, absPath) || !onDisk(absPath, row.size)) {
    return {
      entry,
      file: null,
      reason: `The registered file ${row.stored_path} is missing or changed in the data directory; register it again with add-download.`,
    };
  }
  return {
    entry,
    reason: null,
    file: {
      absPath,
      fileName: row.file_name,
      size: row.size,
      sha256: row.sha256,
      etag: `"${row.sha256.slice(0, 32)}"`,
    },
  };
}

/** SHA-256 of a release file (releases record SHA-512), computed once per file version. */
const shaCache = new Map<string, string>();
async function sha256Of(absPath: string, size: number): Promise<string> {
  const key = `${absPath}:${size}:${fs.statSync(absPath).mtimeMs}`;
  let digest = shaCache.get(key);
  if (!digest) {
    const hash = crypto.createHash('sha256');
    for await (const chunk of fs.createReadStream(absPath)) hash.update(chunk as Buffer);
    digest = hash.digest('hex');
    shaCache.set(key, digest);
  }
  return digest;
}
