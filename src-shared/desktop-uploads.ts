/**
 * The desktop console's uploads (Management > Console software), a bridge of main's own like the
 * update controls: the renderer cannot hand main a picked file as a stream, and must never name a
 * path main would read, so main opens the file dialog itself, keeps the path, and answers an id,
 * the file's name and size. Publishing takes that id; main streams the file with the session's
 * token (src-main/uploads/) and sends its progress as `upload.progress` (desktop-events.ts).
 */
import Type, { type Static, type TSchema } from 'typebox';
import { type ReleasePublished } from './api/updates.js';
import { type DownloadReplaced } from './api/downloads.js';
import { type MethodName } from './method-proxy.js';

/** A file the person chose in main's dialog: what the window may know of it. */
export interface PickedFile {
  file_id: string;
  name: string;
  size: number;
}

const FileId = Type.String({ minLength: 1, maxLength: 64 });

export const DesktopReleaseUpload = Type.Object(
  {
    file_id: FileId,
    platform: Type.String({ minLength: 1, maxLength: 16 }),
    version: Type.String({ minLength: 1, maxLength: 160 }),
    file_name: Type.String({ minLength: 1, maxLength: 255 }),
    signature: Type.String({ minLength: 1, maxLength: 4096 }),
  },
  { additionalProperties: false },
);
export type DesktopReleaseUpload = Static<typeof DesktopReleaseUpload>;

export const DesktopDownloadUpload = Type.Object(
  {
    file_id: FileId,
    id: Type.String({ minLength: 1, maxLength: 64 }),
    file_name: Type.String({ minLength: 1, maxLength: 255 }),
  },
  { additionalProperties: false },
);
export type DesktopDownloadUpload = Static<typeof DesktopDownloadUpload>;

export interface DesktopUploads {
  /** Main's open dialog; null when the person cancelled it. */
  pickFile(): Promise<PickedFile | null>;
  publishRelease(upload: DesktopReleaseUpload): Promise<ReleasePublished>;
  replaceDownload(upload: DesktopDownloadUpload): Promise<DownloadReplaced>;
}

/** The window key the preload exposes the uploads on. */
export const UPLOADS_BRIDGE_KEY = 'consoleUploads' as const;

export const DESKTOP_UPLOAD_ARGS = {
  pickFile: null,
  publishRelease: DesktopReleaseUpload,
  replaceDownload: DesktopDownloadUpload,
} as const satisfies { [K in MethodName<DesktopUploads>]: TSchema | null };

export const DESKTOP_UPLOAD_METHODS = Object.keys(DESKTOP_UPLOAD_ARGS) as MethodName<DesktopUploads>[];
export const uploadsChannel = <K extends MethodName<DesktopUploads>>(method: K): `desktop:uploads:${K}` =>
  `desktop:uploads:${method}`;
