/**
 * `ConsoleApi`: the one interface the renderer talks to. Two hosts implement it:
 *   - the browser (web representative console): `createHttpConsoleApi` over HTTP with the session cookie;
 *   - the desktop console: the preload, whose methods are IPC calls to main, which calls
 *     `createHttpConsoleApi` with the bearer token it keeps (the token never reaches the renderer).
 * IPC channel names and the runtime argument checks are derived from `CONSOLE_API_ARGS` below, so
 * a method added to the interface without a schema, or a misspelt channel, fails to compile.
 */
import { type PickedFile } from './desktop-uploads.js';
import Type, { type Static, type TSchema } from 'typebox';
import {
  type Account,
  type ActivityPage,
  ActivityPageCall,
  AccountPatch,
  type Credentials,
  Credentials as CredentialsSchema,
  DownloadId,
  type DownloadItem,
  EmailChange,
  InvitationRequest,
  type InvitationResult,
  type LoginResult,
  type PasskeyAssertion,
  PasskeyDeleteCall,
  type PasskeyInfo,
  type PasskeyList,
  type PasskeyProof,
  type PasskeyRegistration,
  type PasskeyRegistrationOptions,
  PasskeyRenameCall,
  type PasskeyRequestOptions,
  PasswordChange,
  PasswordResetConfirm,
  PasswordResetRequest,
  type RecoveryCodes,
  type SavedDownload,
  SessionId,
  type SessionInfo,
  type Site,
  TwoFactorActivation,
  TwoFactorProof,
  type TwoFactorSetup,
  TwoFactorSetupRequest,
} from './api/index.js';
import { AuditQuery, type AuditPage } from './api/audit.js';
import {
  type AdminUser,
  AdminUserCreate,
  AdminUserId,
  type AdminUserList,
  AdminUserQuery,
  AdminUserUpdateCall,
  AdminUserActivityCall,
  AdminUserSessionCall,
  type SessionsEnded,
} from './api/admin.js';
import { UpdateTokenId, type UpdateTokenInfo } from './api/updates.js';
import { type SecuritySettings, SecuritySettingsPatch } from './api/site.js';
import { type SecurityOverview, SecurityOverviewQuery } from './api/activity.js';
import {
  type IdentityProvider,
  IdentityProviderCreate,
  IdentityProviderEnabledCall,
  type IdentityProviderList,
  IdentityProviderUpdateCall,
} from './api/identity-providers.js';
import { CustomerClientPatch, type CustomerClientSettings } from './api/customer-client.js';
import { BrowserSignInOptions, type DesktopSignInDecision, type DesktopSignInRequest } from './api/desktop-sign-in.js';
import { type ConsoleReleaseList, type ReleasePublished } from './api/updates.js';
import { type DownloadReplaced } from './api/downloads.js';
import { type ConsoleEvent } from './desktop-events.js';
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES } from './photo-limits.js';
import { type UpdateControls } from './software-update.js';
import { type IpcError } from './errors.js';

export const PhotoUpload = Type.Object(
  {
    bytes: Type.Refine(
      Type.Unsafe<Uint8Array>({}),
      (v) => v instanceof Uint8Array && v.byteLength <= PHOTO_MAX_BYTES * 2,
    ),
    content_type: Type.Union([Type.Literal(PHOTO_CONTENT_TYPES[0]), Type.Literal(PHOTO_CONTENT_TYPES[1])]),
  },
  { additionalProperties: false },
);
export type PhotoUpload = Static<typeof PhotoUpload>;

export interface ConsoleApi {
  getSite(): Promise<Site>;
  login(credentials: Credentials): Promise<LoginResult>;
  /**
   * Sign-in in the system browser. The desktop console runs the RFC 8252 flow (main listens on a
   * loopback port, keeps the token, answers like `login`); the browser goes to the identity
   * provider's sign-in (`identity_provider_id`) and leaves the page.
   */
  signInWithBrowser(options: BrowserSignInOptions): Promise<LoginResult>;
  /** Stops waiting for a browser sign-in (desktop; nothing to stop in the browser). */
  cancelBrowserSignIn(): Promise<void>;
  logout(): Promise<void>;
  getAccount(): Promise<Account>;
  updateAccount(patch: AccountPatch): Promise<Account>;
  changeEmail(change: EmailChange): Promise<Account>;
  changePassword(change: PasswordChange): Promise<void>;
  listSessions(): Promise<SessionInfo[]>;
  endSession(id: string): Promise<void>;
  /** While 2FA is on (switching apps), the password and the current factor. */
  setupTwoFactor(proof: TwoFactorSetupRequest): Promise<TwoFactorSetup>;
  activateTwoFactor(proof: TwoFactorActivation): Promise<RecoveryCodes>;
  disableTwoFactor(proof: TwoFactorProof): Promise<void>;
  regenerateRecoveryCodes(proof: TwoFactorProof): Promise<RecoveryCodes>;
  uploadPhoto(photo: PhotoUpload): Promise<Account>;
  deletePhoto(): Promise<Account>;
  requestPasswordReset(request: PasswordResetRequest): Promise<void>;
  /** Sets a new password with the token from the reset mail's link (no session needed). */
  confirmPasswordReset(confirm: PasswordResetConfirm): Promise<void>;
  listDownloads(): Promise<DownloadItem[]>;
  /**
   * Downloads one item of `listDownloads` by id. The desktop console streams it with its token to
   * the person's Downloads folder and answers where; the browser downloads it itself.
   */
  saveDownload(id: string): Promise<SavedDownload>;
  sendInvitation(request: InvitationRequest): Promise<InvitationResult>;
  listPasskeys(): Promise<PasskeyList>;
  renamePasskey(rename: PasskeyRenameCall): Promise<PasskeyInfo>;
  /** Needs `current_password` unless the session signed in within the last five minutes. */
  deletePasskey(remove: PasskeyDeleteCall): Promise<void>;
  /** Management > Audit log (admins): one page, newest first. */
  listAuditLog(query: AuditQuery): Promise<AuditPage>;
  /** The filtered audit log as a CSV file, saved as `saveDownload` saves (desktop: Downloads folder). */
  exportAuditLog(query: AuditQuery): Promise<SavedDownload>;
  /** My Account → Security activity: one page, newest first. */
  listActivity(call: ActivityPageCall): Promise<ActivityPage>;
  /** Management > Users (admins): one page of the searched, sorted table. */
  listAdminUsers(query: AdminUserQuery): Promise<AdminUserList>;
  createAdminUser(user: AdminUserCreate): Promise<AdminUser>;
  updateAdminUser(update: AdminUserUpdateCall): Promise<AdminUser>;
  resetUserTwoFactor(id: number): Promise<AdminUser>;
  endUserSessions(id: number): Promise<SessionsEnded>;
  /** The open user's sessions (`current`: the admin's own), and ending one of them. */
  listUserSessions(id: number): Promise<SessionInfo[]>;
  endUserSession(call: AdminUserSessionCall): Promise<void>;
  /** The open user's security activity: one page, newest first. */
  listUserActivity(call: AdminUserActivityCall): Promise<ActivityPage>;
  /** The update tokens of the open user's console installs. */
  listUserUpdateTokens(id: number): Promise<UpdateTokenInfo[]>;
  /** Revokes an update token (its console gets a new one at its next sign-in). */
  revokeUpdateToken(id: string): Promise<void>;
  /** Management > Console software (admins): every published release, newest first. */
  listConsoleReleases(): Promise<ConsoleReleaseList>;
  /** The update tokens of console installs (the tokens themselves are never shown). */
  listUpdateTokens(): Promise<UpdateTokenInfo[]>;
  /** Management > Security (admins): the site's policy; an update answers it as stored. */
  getSecuritySettings(): Promise<SecuritySettings>;
  updateSecuritySettings(patch: SecuritySettingsPatch): Promise<SecuritySettings>;
  /** The security overview: sign-ins, failed attempts and lockouts per day. */
  getSecurityOverview(query: SecurityOverviewQuery): Promise<SecurityOverview>;
  listIdentityProviders(): Promise<IdentityProviderList>;
  /** Turns one identity provider on or off (the rest of the provider is the admin API's). */
  setIdentityProviderEnabled(call: IdentityProviderEnabledCall): Promise<IdentityProvider>;
  /** Adds an identity provider; the answer never holds the client secret. */
  createIdentityProvider(body: IdentityProviderCreate): Promise<IdentityProvider>;
  /** Changes the given fields of a provider; a client secret given replaces the stored one. */
  updateIdentityProvider(call: IdentityProviderUpdateCall): Promise<IdentityProvider>;
  /** Management > Customer client (admins): the elevation rules. */
  getCustomerClient(): Promise<CustomerClientSettings>;
  updateCustomerClient(patch: CustomerClientPatch): Promise<CustomerClientSettings>;
}

/** How much of an upload has been sent; `total` is null while the size is unknown. */
export type UploadProgress = (sent: number, total: number | null) => void;

/**
 * A file to upload as the person picked it, never read into memory: in the browser the `File` of
 * the page's file field (read as it is sent), in the desktop console one main's own dialog picked
 * (desktop-uploads.ts: the window knows its id, name and size, not its path).
 */
export type UploadFile = File | PickedFile;

export interface ReleaseUpload {
  platform: string;
  version: string;
  file: UploadFile;
  file_name: string;
  /** The one line of the build's `.sig` file. */
  signature: string;
}

export interface DownloadUpload {
  id: string;
  file: UploadFile;
  file_name: string;
}

/**
 * Uploads of console builds and installers with their progress. The browser host streams the
 * `File` of the page's file field; the desktop host (console-bridge.ts) has main pick the file in
 * its own dialog (`pickFile`) and stream it, since a file cannot cross IPC as a stream.
 */
export interface AdminUploads {
  /** The desktop host only: main's open dialog; null when cancelled. Without it, the page's file field. */
  pickFile?(): Promise<PickedFile | null>;
  publishRelease(upload: ReleaseUpload, onProgress: UploadProgress): Promise<ReleasePublished>;
  replaceDownload(upload: DownloadUpload, onProgress: UploadProgress): Promise<DownloadReplaced>;
}

/**
 * The HTTP half of the WebAuthn ceremonies. Only a host whose page runs on the site's own origin
 * has it (the web console): a ceremony for the site's RP ID cannot run on the desktop console's
 * `app://` page, so the desktop host leaves `ConsoleHost.passkeys` out and the screens offer no
 * passkey ceremony there.
 */
export interface PasskeyCeremonies {
  registrationOptions(proof: PasskeyProof): Promise<PasskeyRegistrationOptions>;
  register(registration: PasskeyRegistration): Promise<PasskeyInfo>;
  /** A challenge for passwordless sign-in (any passkey of the site). */
  signInOptions(): Promise<PasskeyRequestOptions>;
  /** Signs in with the passkey that answered; a web session as `login` gives one. */
  signIn(assertion: PasskeyAssertion): Promise<LoginResult>;
}

export type ConsoleApiMethod = keyof ConsoleApi;

/** The methods that sign in: their errors (426 console_update_required, ...) mean what a login's do. */
export const SIGN_IN_METHODS: readonly ConsoleApiMethod[] = ['login', 'signInWithBrowser'];

/**
 * The argument schema of each method (`null`: takes no argument). Keyed by every method of
 * ConsoleApi — `satisfies` makes a missing or extra key a compile error.
 */
export const CONSOLE_API_ARGS = {
  getSite: null,
  login: CredentialsSchema,
  signInWithBrowser: BrowserSignInOptions,
  cancelBrowserSignIn: null,
  logout: null,
  getAccount: null,
  updateAccount: AccountPatch,
  changeEmail: EmailChange,
  changePassword: PasswordChange,
  listSessions: null,
  endSession: SessionId,
  setupTwoFactor: TwoFactorSetupRequest,
  activateTwoFactor: TwoFactorActivation,
  disableTwoFactor: TwoFactorProof,
  regenerateRecoveryCodes: TwoFactorProof,
  uploadPhoto: PhotoUpload,
  deletePhoto: null,
  requestPasswordReset: PasswordResetRequest,
  confirmPasswordReset: PasswordResetConfirm,
  listDownloads: null,
  saveDownload: DownloadId,
  sendInvitation: InvitationRequest,
  listPasskeys: null,
  renamePasskey: PasskeyRenameCall,
  deletePasskey: PasskeyDeleteCall,
  listAuditLog: AuditQuery,
  exportAuditLog: AuditQuery,
  listActivity: ActivityPageCall,
  listAdminUsers: AdminUserQuery,
  createAdminUser: AdminUserCreate,
  updateAdminUser: AdminUserUpdateCall,
  resetUserTwoFactor: AdminUserId,
  endUserSessions: AdminUserId,
  listUserSessions: AdminUserId,
  endUserSession: AdminUserSessionCall,
  listUserActivity: AdminUserActivityCall,
  listUserUpdateTokens: AdminUserId,
  listConsoleReleases: null,
  listUpdateTokens: null,
  revokeUpdateToken: UpdateTokenId,
  getSecuritySettings: null,
  updateSecuritySettings: SecuritySettingsPatch,
  getSecurityOverview: SecurityOverviewQuery,
  listIdentityProviders: null,
  setIdentityProviderEnabled: IdentityProviderEnabledCall,
  createIdentityProvider: IdentityProviderCreate,
  updateIdentityProvider: IdentityProviderUpdateCall,
  getCustomerClient: null,
  updateCustomerClient: CustomerClientPatch,
} as const satisfies { [K in ConsoleApiMethod]: TSchema | null };

export const CONSOLE_API_METHODS = Object.keys(CONSOLE_API_ARGS) as ConsoleApiMethod[];

export type ConsoleChannel<K extends ConsoleApiMethod = ConsoleApiMethod> = `console:${K}`;
export const consoleChannel = <K extends ConsoleApiMethod>(method: K): ConsoleChannel<K> => `console:${method}`;
/** Main → renderer live events travel on this one channel. */
export const CONSOLE_EVENT_CHANNEL = 'console-event' as const;

/** What crosses IPC: Electron keeps only `message` of a thrown Error, so errors travel as data. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/**
 * The web console finishes the desktop console's sign-ins through the browser (RFC 8252): the
 * person signed in here says yes or no to the console's request. Only the browser host has it.
 */
export interface DesktopSignInApproval {
  /** Is the request still waiting? */
  get(id: string): Promise<DesktopSignInRequest>;
  /** Signs the console in as this browser's user; the browser goes on to `redirect_to`. */
  approve(id: string): Promise<DesktopSignInDecision>;
  /** Refuses; the browser goes on to `redirect_to` and the console hears access_denied. */
  deny(id: string): Promise<DesktopSignInDecision>;
}

/** The host adds live events to the request methods; `window.consoleApi` in Electron is this. */
export interface ConsoleHost extends ConsoleApi {
  /** The appliance's live events, and in the desktop console main's own (desktop-events.ts). */
  onEvent(listener: (event: ConsoleEvent) => void): () => void;
  /** 'web' in the browser, 'desktop' in Electron; the renderer uses it only for wording. */
  readonly kind: 'web' | 'desktop';
  /** The passkey ceremonies, where the page can run them (see PasskeyCeremonies). */
  readonly passkeys?: PasskeyCeremonies;
  /** The browser host only. */
  readonly desktopSignIns?: DesktopSignInApproval;
  /** Uploads of builds and installers (see AdminUploads); a desktop preload without them leaves it out. */
  readonly uploads?: AdminUploads;
  /** The desktop host only: the console's own software update (software-update.ts). */
  readonly updates?: UpdateControls;
}
