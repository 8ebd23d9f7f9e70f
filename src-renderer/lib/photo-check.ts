/**
 * The photo rules (seed: PNG or JPEG, at most 1 MB, at least 80×80 pixels) checked in the page
 * before anything is uploaded. The type is decided by the bytes, like the appliance does, not by
 * the file name; the size in pixels is read from the PNG IHDR chunk or the JPEG SOF segment.
 * The appliance checks again: this only spares a pointless upload and explains the rule at once.
 */
import { PHOTO_MAX_BYTES, PHOTO_MIN_SIDE } from '../../src-shared/photo-limits.js';

export type PhotoContentType = 'image/png' | 'image/jpeg';
export interface ImageHeader {
  contentType: PhotoContentType;
  width: number;
  height: number;
}
export type PhotoProblem = 'too_large' | 'unsupported_type' | 'corrupt' | 'too_small';
export type PhotoCheck = { ok: true; image: ImageHeader } | { ok: false; problem: PhotoProblem };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// Start-of-frame markers carrying the size (not C4 DHT, C8 JPG, CC DAC).
const JPEG_SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;

function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v);
}

function pngHeader(b: Uint8Array): ImageHeader | null {
  // Signature, then the first chunk must be IHDR (length 13): width and height big-endian.
  if (b.length < 24 || u32(b, 8) !== 13 || String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return null;
  return { contentType: 'image/png', width: u32(b, 16), height: u32(b, 20) };
}

function jpegHeader(b: Uint8Array): ImageHeader | null {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / scan before any frame header
    const length = u16(b, i + 2);
    if (length < 2) return null;
    if (JPEG_SOF.has(marker)) {
      if (i + 8 >= b.length) return null;
      return { contentType: 'image/jpeg', height: u16(b, i + 5), width: u16(b, i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

/** Reads the type and pixel size from the first bytes of a file; null when it is not PNG or JPEG. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | 'corrupt' | null {
  if (isPng(bytes)) return pngHeader(bytes) ?? 'corrupt';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return jpegHeader(bytes) ?? 'corrupt';
  return null;
}

/** The rules in the order a person would fix them: size of the file, its type, then its pixels. */
export function checkPhoto(bytes: Uint8Array): PhotoCheck {
  if (bytes.byteLength > PHOTO_MAX_BYTES) return { ok: false, problem: 'too_large' };
  const header = readImageHeader(bytes);
  if (header === null) return { ok: false, problem: 'unsupported_type' };
  if (header === 'corrupt' || header.width === 0 || header.height === 0) return { ok: false, problem: 'corrupt' };
  if (header.width < PHOTO_MIN_SIDE || header.height < PHOTO_MIN_SIDE) return { ok: false, problem: 'too_small' };
  return { ok: true, image: header };
}
