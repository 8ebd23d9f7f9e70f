import Type from 'typebox';

/** A display name: 1–64 characters after trimming, no control characters (checked in `display-names.ts`). */
export const DisplayName = Type.String({ minLength: 1, maxLength: 256 });
export const Password = Type.String({ minLength: 1, maxLength: 4096 });
export const Username = Type.String({ minLength: 1, maxLength: 64 });
/**
 * What a new username may be: ASCII letters, digits and `._@-`. So NFC, NFKC and Unicode case
 * folding cannot make two usernames look alike (`ａｄｍｉｎ`, `Support\u202Enimda` are refused), and
 * the case-insensitive unique column (COLLATE NOCASE) is uniqueness after case folding and NFKC.
 */
export const USERNAME_PATTERN = '^[A-Za-z0-9._@-]+$';
export const NewUsername = Type.String({ minLength: 1, maxLength: 64, pattern: USERNAME_PATTERN });
export const LanguageCode = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', maxLength: 5 });
export const OtpCode = Type.String({ pattern: '^[0-9]{6}$' });
export const RecoveryCode = Type.String({ minLength: 1, maxLength: 64 });
export const IsoDate = Type.String({ format: 'date-time' });
export const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()]);
