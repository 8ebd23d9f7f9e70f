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

/** Platforms of the update feed, as electron-builder's `${os}` names them. */
export const CONSOLE_PLATFORMS = ['win', 'mac', 'linux'] as const;
export type ConsolePlatform = (typeof CONSOLE_PLATFORMS)[number];
export const ConsolePlatformParam = Type.Union(CONSOLE_PLATFORMS.map((p) => Type.Literal(p)));

/** Where the feed lives: electron-updater's generic provider appends its channel file (`latest.yml`). */
export function updateFeedPath(platform: ConsolePlatform): string {
  return `/api/console/updates/${platform}/`;
}

/** The appliance's page with the console downloads (/login > My Account), opened by the 1.1gws button. */
export const CONSOLE_DOWNLOAD_PAGE_PATH = '/console/#/downloads';

/** One entry of `GET /api/admin/update-tokens` (the token itself is never shown again). */
export const UpdateTokenInfo = Type.Object({
  id: Type.String(),
  install_id: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  last_used_at: Type.Union([Type.String(), Type.Null()]),
  revoked_at: Type.Union([Type.String(), Type.Null()]),
});
export type UpdateTokenInfo = Static<typeof UpdateTokenInfo>;
export const UpdateTokenList = Type.Object({ items: Type.Array(UpdateTokenInfo) });
export type UpdateTokenList = Static<typeof UpdateTokenList>;
/** An update token's id (a UUID), as `DELETE /api/admin/update-tokens/{id}` and ConsoleApi take it. */
export const UpdateTokenId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** One entry of `GET /api/admin/console-releases`. */
export const ConsoleReleaseInfo = Type.Object({
  version: Type.String(),
  platform: Type.String(),
  file_name: Type.String(),
  size: Type.Integer(),
  sha512: Type.String(),
  published_at: Type.String(),
  /** The publisher's Ed25519 signature (checked at publishing); null for a release published before signing. */
  signature: Type.Union([Type.String(), Type.Null()]),
});
export type ConsoleReleaseInfo = Static<typeof ConsoleReleaseInfo>;
export const ConsoleReleaseList = Type.Object({
  items: Type.Array(ConsoleReleaseInfo),
  /** The largest build or installer an upload may be (APPLIANCE_UPLOAD_MAX_BYTES): the screen says so before sending. */
  upload_max_bytes: Type.Integer(),
});
export type ConsoleReleaseList = Static<typeof ConsoleReleaseList>;

/** The header that carries the publisher's signature (the one line of the build's `.sig`) with an upload. */
export const RELEASE_SIGNATURE_HEADER = 'x-release-signature';

/**
 * `POST /api/admin/console-releases?platform=&version=&file_name=`: the build is the raw body
 * (`application/octet-stream`, streamed to disk), its signature in `X-Release-Signature`.
 */
export const ReleaseUploadQuery = Type.Object(
  {
    platform: ConsolePlatformParam,
    version: Type.String({ minLength: 1, maxLength: 160 }),
    file_name: Type.String({ minLength: 1, maxLength: 255 }),
  },
  { additionalProperties: false },
);
export type ReleaseUploadQuery = Static<typeof ReleaseUploadQuery>;

/** The answer to a publish: the release, and whether it moved the site (and so its site hash) to a new version. */
export const ReleasePublished = Type.Object({
  release: ConsoleReleaseInfo,
  site_updated: Type.Boolean(),
  console_version: Type.String(),
});
export type ReleasePublished = Static<typeof ReleasePublished>;
