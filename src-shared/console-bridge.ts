/**
 * The desktop console's bridge between the sandboxed renderer and the main process.
 *
 * Why a bridge and not `ConsoleApi` itself: Electron keeps only `message` of an Error that crosses
 * IPC, and `contextBridge` does the same for an Error thrown or rejected by an exposed function
 * (custom classes and properties are dropped). So errors travel as data end to end: main answers
 * every call with an `IpcResult` envelope, the preload exposes those envelopes unchanged on
 * `window.consoleApi`, and `hostFromBridge` — running in the renderer's own world — turns them
 * back into values or the same `ApiError` the browser host throws.
 *
 *   renderer: setHost(window.consoleApi ? hostFromBridge(window.consoleApi, window.consoleUpdates) : createWebHost())
 */
import Type, { type TSchema } from 'typebox';
import Value from 'typebox/value';
import {
  CONSOLE_API_METHODS,
  type AdminUploads,
  type ConsoleApi,
  type ConsoleHost,
  type IpcResult,
  type UploadFile,
  type UploadProgress,
} from './console-api.js';
import { type ConsoleEvent } from './desktop-events.js';
import { ApiError, IpcError } from './errors.js';
import { callMethod, proxyMethods, type MethodName } from './method-proxy.js';
import { UPDATE_CONTROL_METHODS, type UpdateControls } from './software-update.js';
import { DESKTOP_UPLOAD_METHODS, type DesktopUploads, type PickedFile } from './desktop-uploads.js';

/** The `window` key the preload exposes the bridge on. */
export const CONSOLE_BRIDGE_KEY = 'consoleApi' as const;

/** Each method of `T`, answering with an envelope instead of throwing. */
export type Bridged<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<IpcResult<R>> : never;
};

/** Each ConsoleApi method, answering with an envelope instead of throwing. */
export type ConsoleBridgeMethods = Bridged<ConsoleApi>;

export interface ConsoleBridge extends ConsoleBridgeMethods {
  onEvent(listener: (event: ConsoleEvent) => void): () => void;
  readonly kind: 'desktop';
}

export function okResult<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** An ApiError as an envelope; anything else becomes a generic internal_error (no internals leak). */
export function errorResult(err: unknown): IpcResult<never> {
  const apiError =
    err instanceof ApiError
      ? err
      : new ApiError(500, 'internal_error', 'The desktop console failed to handle the request.');
  return { ok: false, error: apiError.toIpcError() };
}

/** The value of an envelope, or the ApiError it carries. Anything malformed is an internal_error. */
export function unwrapResult<T>(result: IpcResult<T>): T {
  if (result && result.ok === true) return result.value;
  const error: unknown = (result as { error?: unknown } | null)?.error;
  if (!Value.Check(IpcError, error))
    throw new ApiError(500, 'internal_error', 'Malformed answer from the desktop console.');
  throw new ApiError(error.status, error.code, error.message, error.details);
}

/** The values-or-ApiError view of an envelope bridge: each listed method unwraps its envelope. */
export function unwrapBridge<T extends object>(bridge: Bridged<T>, methods: readonly MethodName<T>[]): T {
  return proxyMethods<T>(methods, async (method, args) =>
    unwrapResult(await (callMethod<Bridged<T>>(bridge, method, args) as Promise<IpcResult<unknown>>)),
  );
}

/** The renderer's ConsoleHost over the preload's bridges (the update controls and uploads when main offers them). */
export function hostFromBridge(bridge: ConsoleBridge, updates?: UpdatesBridge, uploads?: UploadsBridge): ConsoleHost {
  return {
    ...unwrapBridge<ConsoleApi>(bridge, CONSOLE_API_METHODS),
    onEvent: (listener) => bridge.onEvent(listener),
    kind: 'desktop',
    ...(updates ? { updates: unwrapBridge<UpdateControls>(updates, UPDATE_CONTROL_METHODS) } : {}),
    ...(uploads
      ? { uploads: adminUploads(unwrapBridge<DesktopUploads>(uploads, DESKTOP_UPLOAD_METHODS), bridge) }
      : {}),
  };
}

function pickedFile(file: UploadFile): PickedFile {
  if ('file_id' in file) return file;
  throw new ApiError(400, 'bad_request', 'Choose the file with the Choose file button: main sends it.');
}

/** The screen's uploads over main's: a file main picked, its progress from main's upload.progress events. */
function adminUploads(uploads: DesktopUploads, bridge: ConsoleBridge): AdminUploads {
  const withProgress = async <T>(
    file: UploadFile,
    onProgress: UploadProgress,
    send: (fileId: string) => Promise<T>,
  ) => {
    const { file_id } = pickedFile(file);
    const off = bridge.onEvent((e) => {
      if (e.type === 'upload.progress' && e.data.file_id === file_id)
        onProgress(e.data.progress.transferred, e.data.progress.total);
    });
    try {
      return await send(file_id);
    } finally {
      off();
    }
  };
  return {
    pickFile: () => uploads.pickFile(),
    publishRelease: ({ file, ...fields }, onProgress) =>
      withProgress(file, onProgress, (file_id) => uploads.publishRelease({ file_id, ...fields })),
    replaceDownload: ({ file, ...fields }, onProgress) =>
      withProgress(file, onProgress, (file_id) => uploads.replaceDownload({ file_id, ...fields })),
  };
}

/** The update controls (`window.consoleUpdates`, software-update.ts), answering envelopes. */
export type UpdatesBridge = Bridged<UpdateControls>;

/** The uploads (`window.consoleUploads`, desktop-uploads.ts), answering envelopes. */
export type UploadsBridge = Bridged<DesktopUploads>;

/**
 * First-run site entry (desktop only): the site URL the console is bound to, when neither the
 * install configuration nor `--site=` gave one. Exposed on `window.consoleSite`; same envelopes.
 * `set` refuses anything but https (http only on literal loopback) with `insecure_site_url`; once
 * a site is bound, main changes it only when the technician confirms a dialog showing the old and
 * the new site (else `site_change_refused`), and the change ends the session.
 */
export const SITE_BRIDGE_KEY = 'consoleSite' as const;

export interface SiteApi {
  get(): Promise<string | null>;
  set(url: string): Promise<string>;
}

/** The argument schema of each site method, checked by main like CONSOLE_API_ARGS. */
export const SITE_API_ARGS = {
  get: null,
  set: Type.String({ minLength: 1, maxLength: 2048 }),
} as const satisfies { [K in MethodName<SiteApi>]: TSchema | null };

export const SITE_API_METHODS = Object.keys(SITE_API_ARGS) as MethodName<SiteApi>[];
export const siteChannel = <K extends MethodName<SiteApi>>(method: K): `desktop:site:${K}` => `desktop:site:${method}`;

export type SiteBridge = Bridged<SiteApi>;

/** The renderer's view of the site bridge: values or ApiError. */
export function siteFromBridge(bridge: SiteBridge): SiteApi {
  return unwrapBridge<SiteApi>(bridge, SITE_API_METHODS);
}
