import Type, { type Static } from 'typebox';

export const UpdateTokenRequest = Type.Object(
  { install_id: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
export type UpdateTokenRequest = Static<typeof UpdateTokenRequest>;
export const UpdateTokenResponse = Type.Object({ update_token: Type.String() });
export type UpdateTokenResponse = Static<typeof UpdateTokenResponse>;

/** `details` of `426 console_update_required`. */
export const ConsoleUpdateRequiredDetails = Type.Object({
  console_version: Type.String(),
  update_url: Type.String(),
  download_url: Type.String(),
});
export type ConsoleUpdateRequiredDetails = Static<typeof ConsoleUpdateRequiredDetails>;

/** The seed's update failure. Shown with a button that opens the site's download page. */
export const UPDATE_FAILURE_CODE = '1.1gws';
export const UPDATE_FAILURE_MESSAGE = {
  de: 'Kommunikationsfehler mit Server während der Softwareaktualisierung. Aktualisieren Sie die Software, indem Sie sie von der Website herunterladen. (1.1gws)',
  en: 'Communication error with server during software update. Update the software by downloading it from the website. (1.1gws)',
} as const;
