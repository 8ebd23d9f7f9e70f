/**
 * What a profile photo may be. The appliance enforces these (photo/); the renderer checks them
 * first so a technician hears about a too-large or too-small photo before it is uploaded.
 */
export const PHOTO_MAX_BYTES = 1024 * 1024;
/** Neither side may be shorter (pixels). */
export const PHOTO_MIN_SIDE = 80;
/** Larger than any camera photo that fits in 1 MiB; a 20000×20000 "bomb" is 400 M pixels. */
export const PHOTO_MAX_PIXELS = 40_000_000;
export const PHOTO_CONTENT_TYPES = ['image/png', 'image/jpeg'] as const;
