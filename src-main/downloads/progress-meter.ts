/**
 * Measures a file transfer for the window's progress bar: bytes so far, speed over the last few
 * seconds (a resumed download does not count the bytes it already had as fast ones), and time
 * left. It reports at most every `intervalMs`, and always when the file is complete, so a fast
 * download does not flood the window with an event per chunk.
 */
import { transferProgress, type TransferProgress } from '../../src-shared/transfer-progress.js';

export interface ProgressMeterOptions {
  total: number | null;
  /** Bytes already there before this transfer (a resumed download). */
  startAt?: number;
  /** Least time between two reports; the first and the completing one are always reported. */
  intervalMs?: number;
  now?: () => number;
}

const SPEED_WINDOW_MS = 5_000;

export class ProgressMeter {
  private transferred: number;
  private readonly total: number | null;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private lastReport = Number.NEGATIVE_INFINITY;
  /** (time, bytes) at recent reports; the oldest is where the speed is measured from. */
  private samples: { t: number; bytes: number }[];

  constructor(opts: ProgressMeterOptions) {
    this.transferred = opts.startAt ?? 0;
    this.total = opts.total !== null && Number.isFinite(opts.total) && opts.total > 0 ? opts.total : null;
    this.intervalMs = opts.intervalMs ?? 250;
    this.now = opts.now ?? Date.now;
    this.samples = [{ t: this.now(), bytes: this.transferred }];
  }

  /** Counts received bytes; answers a progress when one is due, else null. */
  add(bytes: number): TransferProgress | null {
    this.transferred += bytes;
    const t = this.now();
    const complete = this.total !== null && this.transferred >= this.total;
    if (!complete && t - this.lastReport < this.intervalMs) return null;
    return this.report(t);
  }

  /** The progress now, reported whatever the interval (the end of a transfer of unknown size). */
  current(): TransferProgress {
    return this.report(this.now());
  }

  private report(t: number): TransferProgress {
    this.lastReport = t;
    this.samples.push({ t, bytes: this.transferred });
    while (this.samples.length > 2 && t - this.samples[1]!.t >= SPEED_WINDOW_MS) this.samples.shift();
    const from = this.samples[0]!;
    const seconds = (t - from.t) / 1000;
    const speed = seconds > 0 ? (this.transferred - from.bytes) / seconds : 0;
    return transferProgress(this.transferred, this.total, speed);
  }
}
