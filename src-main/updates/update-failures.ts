/**
 * What happens when an update cannot happen: the log line; in a silent run the exit code and
 * nothing else; otherwise the `failed` status with the download page and the retry state (the
 * window's banner), and a dialog only when no window exists (a retrying failure once per series).
 * Network, disk and checksum failures are retried with backoff; when the network retries are used
 * up the feed counts as unreachable, which is the seed's `1.1gws`.
 */
import { type UpdateFailureKind } from '../../src-shared/software-update.js';
import { type ConsoleLanguage } from '../app/language.js';
import { UPDATE_EXIT_CODES, updateNotice, type UpdateNotice } from './messages.js';
import { type UpdateStatusBoard } from './update-status-board.js';

export interface UpdateFailuresDeps {
  silent: boolean;
  board: UpdateStatusBoard;
  downloadUrl: string;
  inWindow(): boolean;
  showNotice(notice: UpdateNotice): Promise<'download' | 'close'>;
  openExternal(url: string): Promise<void>;
  language(): ConsoleLanguage;
  setExitCode(code: number): void;
  log: { error(msg: string): void };
  delays: readonly number[];
  schedule(fn: () => void, ms: number): () => void;
  now(): number;
  /** The retry: a new check. */
  retry(): void;
}

export class UpdateFailures {
  /** Failed attempts in the current series of retried failures. */
  private count = 0;
  private cancelRetry: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly deps: UpdateFailuresDeps) {}

  /** A check succeeded, or failed in a way that is not retried: the next failure starts a new series. */
  reset(): void {
    this.count = 0;
  }

  /** Counts a failed attempt; answers the kind to report (network retries used up → 1.1gws). */
  attempt(kind: Exclude<UpdateFailureKind, 'update_required'>, retried: boolean): UpdateFailureKind {
    this.count = retried ? this.count + 1 : 0;
    return kind === 'network' && this.count > this.deps.delays.length ? '1.1gws' : kind;
  }

  /** Cancels a scheduled retry (a new check is starting for another reason). */
  cancelScheduled(): void {
    this.cancelRetry?.();
    this.cancelRetry = null;
  }

  stop(): void {
    this.stopped = true;
    this.cancelScheduled();
  }

  /** Reports the failure and schedules the retry when there is one; answers its delay. */
  async fail(kind: UpdateFailureKind, detail: string, retry: boolean): Promise<number | null> {
    const { deps } = this;
    let retryInMs: number | null = null;
    if (retry && this.count >= 1 && this.count <= deps.delays.length && !this.stopped) {
      retryInMs = deps.delays[this.count - 1]!;
      this.cancelScheduled();
      this.cancelRetry = deps.schedule(() => deps.retry(), retryInMs);
    }
    await this.report(kind, retryInMs, detail);
    return retryInMs;
  }

  private async report(kind: UpdateFailureKind, retryInMs: number | null, detail: string): Promise<void> {
    const { deps } = this;
    const willRetry = retryInMs !== null;
    const notice = updateNotice(kind, deps.language(), deps.downloadUrl, willRetry);
    deps.log.error(`software update failed (${kind}): ${detail} | ${notice.message}`);
    if (deps.silent) {
      deps.setExitCode(UPDATE_EXIT_CODES[kind]);
      return;
    }
    deps.board.set({
      phase: 'failed',
      kind,
      download_url: deps.downloadUrl,
      retry: willRetry ? { state: 'scheduled', at: new Date(deps.now() + retryInMs).toISOString() } : { state: 'none' },
    });
    if (deps.inWindow()) return; // the window's banner, not a dialog
    if (willRetry && this.count > 1) return;
    const choice = await deps.showNotice(notice);
    if (choice === 'download') await deps.openExternal(deps.downloadUrl);
  }
}
