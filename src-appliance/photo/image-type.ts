/**
 * Which image a body holds, decided by its first bytes (magic numbers), never by a file name or a
 * Content-Type header: those only have to agree with it.
 */
export type PhotoType = 'png' | 'jpeg';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

export function sniffPhotoType(buf: Uint8Array): PhotoType | null {
  if (startsWith(buf, PNG_MAGIC)) return 'png';
  if (startsWith(buf, JPEG_MAGIC)) return 'jpeg';
  return null;
}

/** The type a Content-Type header (or a multipart part's type) claims; null when it claims none we know. */
export function declaredTypeOfMime(mime: string | undefined): PhotoType | 'other' | null {
  if (!mime) return null;
  const base = mime.split(';')[0]!.trim().toLowerCase();
  if (base === 'image/png') return 'png';
  if (base === 'image/jpeg' || base === 'image/jpg' || base === 'image/pjpeg') return 'jpeg';
  if (base === 'application/octet-stream' || base === '') return null;
  return 'other';
}

/** The type a file name's extension claims; null without one. */
export function declaredTypeOfFileName(name: string | undefined): PhotoType | 'other' | null {
  const ext = name?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (!ext) return null;
  if (ext === 'png') return 'png';
  if (ext === 'jpg' || ext === 'jpeg' || ext === 'jpe') return 'jpeg';
  return 'other';
}

export const CONTENT_TYPE_OF: Record<PhotoType, string> = { png: 'image/png', jpeg: 'image/jpeg' };
