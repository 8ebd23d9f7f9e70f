/**
 * Management > Console software: the published releases, the downloads catalog, the update tokens,
 * and the upload in flight with its progress. Per user: see session-scope.ts.
 */
import { type ConsoleReleaseInfo, type UpdateTokenInfo } from '../../src-shared/api/updates.js';
import { type DownloadItem } from '../../src-shared/api/downloads.js';
import { type DownloadUpload, type ReleaseUpload } from '../../src-shared/console-api.js';
import { transferProgress, type TransferProgress } from '../../src-shared/transfer-progress.js';
import { ApiError } from '../../src-shared/api-error.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

/** What is being uploaded: a release, or the installer of one catalog entry. */
export type UploadTarget = { kind: 'release' } | { kind: 'download'; id: string };

interface ConsoleSoftwareState {
  releases: ConsoleReleaseInfo[] | null;
  downloads: DownloadItem[] | null;
  tokens: UpdateTokenInfo[] | null;
  /** The appliance's cap on one upload; a larger file is refused here before a byte is sent. */
  uploadMaxBytes: number | null;
  upload: { target: UploadTarget; progress: TransferProgress } | null;
  /** Set by a publish that moved the site to a new version (and so a new site hash). */
  siteHashChangedTo: string | null;
  load(): Promise<void>;
  publish(upload: ReleaseUpload): Promise<ConsoleReleaseInfo>;
  replaceDownload(upload: DownloadUpload): Promise<DownloadItem>;
  revokeToken(id: string): Promise<void>;
}

function uploads() {
  const u = host().uploads;
  if (!u) throw new ApiError(0, 'bad_request', 'Uploads need the web console.');
  return u;
}

export const useConsoleSoftwareStore = createUserStore<ConsoleSoftwareState>((set, get) => {
  /** Runs an upload with its progress shown; speed over the whole upload so far. */
  const withProgress = async <T>(
    target: UploadTarget,
    file: { size: number },
    send: (p: (sent: number, total: number | null) => void) => Promise<T>,
  ) => {
    const scope = sessionScope();
    const max = get().uploadMaxBytes;
    if (max !== null && file.size > max)
      throw new ApiError(413, 'payload_too_large', `An upload may be at most ${max} bytes.`, { max_bytes: max });
    const started = Date.now();
    set({ upload: { target, progress: transferProgress(0, null, 0) } });
    try {
      return await send((sent, total) => {
        const seconds = (Date.now() - started) / 1000;
        if (scope.current())
          set({ upload: { target, progress: transferProgress(sent, total, seconds > 0 ? sent / seconds : 0) } });
      });
    } finally {
      if (scope.current()) set({ upload: null });
    }
  };
  return {
    releases: null,
    downloads: null,
    tokens: null,
    uploadMaxBytes: null,
    upload: null,
    siteHashChangedTo: null,
    async load() {
      const scope = sessionScope();
      const [list, downloads, tokens] = await Promise.all([
        host().listConsoleReleases(),
        host().listDownloads(),
        host().listUpdateTokens(),
      ]);
      if (scope.current()) set({ releases: list.items, uploadMaxBytes: list.upload_max_bytes, downloads, tokens });
    },
    async publish(upload) {
      const scope = sessionScope();
      const answer = await withProgress({ kind: 'release' }, upload.file, (p) => uploads().publishRelease(upload, p));
      if (!scope.current()) return answer.release;
      set({
        releases: [answer.release, ...(get().releases ?? [])],
        siteHashChangedTo: answer.site_updated ? answer.console_version : get().siteHashChangedTo,
      });
      // The console entries of the catalog now serve the new build.
      const downloads = await host().listDownloads();
      if (scope.current()) set({ downloads });
      return answer.release;
    },
    async replaceDownload(upload) {
      const scope = sessionScope();
      const answer = await withProgress({ kind: 'download', id: upload.id }, upload.file, (p) =>
        uploads().replaceDownload(upload, p),
      );
      if (scope.current())
        set({ downloads: (get().downloads ?? []).map((d) => (d.id === answer.item.id ? answer.item : d)) });
      return answer.item;
    },
    async revokeToken(id) {
      const scope = sessionScope();
      await host().revokeUpdateToken(id);
      const tokens = await host().listUpdateTokens();
      if (scope.current()) set({ tokens });
    },
  };
});
