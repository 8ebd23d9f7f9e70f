/**
 * When a live-event socket connects again; main's forwarder (`ws`) and the browser's socket share
 * it, so both return alike after an appliance restart or a node that drains:
 * - after a drop, initial × 2ⁿ up to a cap, each delay jittered to 50–100 % so that many consoles
 *   do not come back in step;
 * - after a node drains (close 1012: no failure), at once, spread over at most 250 ms, with the
 *   backoff reset;
 * - never while it is stopped (logout, the session ended).
 * The caller owns the socket: it calls `connect` to open one, `opened()` once one opens, and
 * `dropped()` or `drained()` when one closes.
 */
export interface ReconnectOptions {
  initialMs?: number;
  maxMs?: number;
  random?: () => number;
}

/** Spreads the reconnects of many consoles after a node drains, without making any wait long. */
export const RECONNECT_ELSEWHERE_MAX_MS = 250;

export class ReconnectLoop {
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wanted = false;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(
    private readonly connect: () => void,
    opts: ReconnectOptions = {},
  ) {
    this.initialMs = opts.initialMs ?? 500;
    this.maxMs = opts.maxMs ?? 30_000;
    this.random = opts.random ?? Math.random;
  }

  /** Wanted from now on; connects at once unless a socket is open or a reconnect is waiting. */
  start(hasSocket: boolean): void {
    this.wanted = true;
    if (!hasSocket && !this.timer) this.connect();
  }

  stop(): void {
    this.wanted = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  opened(): void {
    this.attempts = 0;
  }

  /** A drop: the delay before the next attempt (ms), or null when none follows. */
  dropped(): number | null {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** this.attempts++);
    return this.schedule(Math.round(base * (0.5 + this.random() / 2)));
  }

  /** The node drains: the delay before the next attempt (ms), or null when none follows. */
  drained(): number | null {
    this.attempts = 0;
    return this.schedule(Math.round(this.random() * RECONNECT_ELSEWHERE_MAX_MS));
  }

  private schedule(delay: number): number | null {
    if (!this.wanted) return null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.wanted) this.connect();
    }, delay);
    return delay;
  }
}
