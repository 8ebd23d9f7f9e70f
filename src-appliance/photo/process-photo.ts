/**
 * Checks an uploaded photo and makes the copy that is stored: PNG or JPEG by content, at least
 * 80×80, no decompression bombs, not corrupt; re-encoded by sharp so no metadata (EXIF GPS,
 * camera serials, comments) ever reaches customers.
 */
import sharp, { type Metadata } from 'sharp';
import { httpError } from '../http/api-error.js';
import { PHOTO_MAX_PIXELS, PHOTO_MIN_SIDE } from '../../src-shared/photo-limits.js';
import { declaredTypeOfFileName, declaredTypeOfMime, type PhotoType, sniffPhotoType } from './image-type.js';

/** Stored photos are scaled down to fit this box: they are shown as a small chat avatar. */
export const PHOTO_STORED_MAX_SIDE = 512;

export interface UploadedPhoto {
  bytes: Buffer;
  /** Content-Type of the request, or of the multipart part. */
  mime?: string;
  fileName?: string;
}

export interface ProcessedPhoto {
  type: PhotoType;
  bytes: Buffer;
  width: number;
  height: number;
}

function refuseType(detected: PhotoType | null, declared: Record<string, string | null>): never {
  throw httpError(415, 'photo_unsupported_type', 'The photo must be a PNG or JPEG image.', { detected, ...declared });
}

export async function processPhoto(upload: UploadedPhoto): Promise<ProcessedPhoto> {
  const type = sniffPhotoType(upload.bytes);
  if (!type) refuseType(null, {});
  for (const [what, claimed] of [
    ['declared_type', declaredTypeOfMime(upload.mime)],
    ['file_name_type', declaredTypeOfFileName(upload.fileName)],
  ] as const) {
    // A header or name may be absent, but when present it must agree with the content.
    if (claimed !== null && claimed !== type) refuseType(type, { [what]: claimed });
  }

  const input = { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'truncated' as const };
  let meta: Metadata;
  try {
    meta = await sharp(upload.bytes, { ...input, limitInputPixels: false }).metadata();
  } catch {
    throw httpError(422, 'photo_corrupt', 'The photo could not be read.');
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (meta.format !== type) {
    throw httpError(422, 'photo_corrupt', 'The photo could not be read.');
  }
  if (width * height > PHOTO_MAX_PIXELS) {
    throw httpError(422, 'photo_too_many_pixels', `The photo has too many pixels (at most ${PHOTO_MAX_PIXELS}).`, {
      width,
      height,
      max_pixels: PHOTO_MAX_PIXELS,
    });
  }
  if (width < PHOTO_MIN_SIDE || height < PHOTO_MIN_SIDE) {
    throw httpError(422, 'photo_too_small', `The photo must be at least ${PHOTO_MIN_SIDE}×${PHOTO_MIN_SIDE} pixels.`, {
      width,
      height,
      min_width: PHOTO_MIN_SIDE,
      min_height: PHOTO_MIN_SIDE,
    });
  }

  try {
    // autoOrient applies the EXIF rotation before the metadata is dropped; sharp writes no
    // metadata unless asked (no withMetadata/keepExif here).
    const pipeline = sharp(upload.bytes, input)
      .autoOrient()
      .resize(PHOTO_STORED_MAX_SIDE, PHOTO_STORED_MAX_SIDE, { fit: 'inside', withoutEnlargement: true });
    const { data, info } = await (
      type === 'png' ? pipeline.png({ compressionLevel: 9 }) : pipeline.jpeg({ quality: 85, mozjpeg: true })
    ).toBuffer({ resolveWithObject: true });
    return { type, bytes: data, width: info.width, height: info.height };
  } catch {
    throw httpError(422, 'photo_corrupt', 'The photo is damaged or incomplete.');
  }
}
