/**
 * Main's side of `window.consoleUploads` (src-shared/desktop-uploads.ts): the person picks a file
 * in main's own dialog (passed in; only src-main/electron/ touches Electron's), main keeps its path
 * under a random id, and an upload names only that id, so the window can never make main read a
 * path of its choosing. The file goes to the appliance with the session's token (upload-sender.ts),
 * its progress under the same id.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type DownloadReplaced } from '../../src-shared/api/downloads.js';
import { type ReleasePublished } from '../../src-shared/api/updates.js';
import { type DesktopUploads, type PickedFile } from '../../src-shared/desktop-uploads.js';
import { ApiError } from '../../src-shared/errors.js';
import { downloadUploadRequest, releaseUploadRequest, type UploadRequest } from '../../src-shared/upload-requests.js';
import { type ConsoleSession } from '../session/console-session.js';
import { type SendUpload, type UploadSite } from './upload-sender.js';

export interface DesktopUploadsDeps {
  /** Main's open dialog for one file: its path, or null when cancelled. */
  chooseFile(): Promise<string | null>;
  /** Streams a file (createUploadSender; its progress id is the file id). */
  send: SendUpload;
  /** The bound site's URL, or null before the first-run entry. */
  siteUrl(): string | null;
  /** Main's session: its token goes with each upload, and a refusal "not logged in" ends it, as any call's does. */
  session: Pick<ConsoleSession, 'token' | 'refused'>;
}

/** Picked files remembered at once: a window picks one build and perhaps a second try. */
const REMEMBERED = 8;

export function createDesktopUploads(deps: DesktopUploadsDeps): DesktopUploads {
  const picked = new Map<string, string>();

  function fileOf(fileId: string): string {
    const file = picked.get(fileId);
    if (!file) throw new ApiError(400, 'bad_request', 'Choose the file again: this one is no longer known.');
    return file;
  }
  function site(): UploadSite {
    const baseUrl = deps.siteUrl();
    const token = deps.session.token();
    if (!baseUrl || !token) throw new ApiError(401, 'unauthenticated', 'Sign in to upload.');
    return { baseUrl, headers: { authorization: `Bearer ${token}` } };
  }

  async function send<T>(request: UploadRequest, fileId: string): Promise<T> {
    const file = fileOf(fileId);
    try {
      return await deps.send<T>(site(), request, file, fileId);
    } catch (err) {
      await deps.session.refused(err);
      throw err;
    }
  }

  return {
    async pickFile(): Promise<PickedFile | null> {
      const file = await deps.chooseFile();
      if (!file) return null;
      const stat = await fs.promises.stat(file);
      if (!stat.isFile()) throw new ApiError(400, 'bad_request', 'Choose a file, not a folder.');
      const fileId = crypto.randomUUID();
      picked.set(fileId, file);
      if (picked.size > REMEMBERED) picked.delete(picked.keys().next().value!);
      return { file_id: fileId, name: path.basename(file), size: stat.size };
    },
    publishRelease: ({ file_id, ...fields }) => send<ReleasePublished>(releaseUploadRequest(fields), file_id),
    replaceDownload: ({ file_id, ...fields }) => send<DownloadReplaced>(downloadUploadRequest(fields), file_id),
  };
}
