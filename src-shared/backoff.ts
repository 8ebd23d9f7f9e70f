/**
 * Reconnect delays for the live-event sockets (main's and the browser's): initial × 2ⁿ, capped;
 * with `random`, each delay is jittered to 50–100 % so many consoles do not return in step after an
 * appliance restart. The caller owns the timer and calls `reset()` once a connection opens.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  random?: () => number;
}

export class Backoff {
  private attempts = 0;

  constructor(private readonly opts: BackoffOptions) {}

  next(): number {
    const base = Math.min(this.opts.maxMs, this.opts.initialMs * 2 ** this.attempts++);
    return this.opts.random ? Math.round(base * (0.5 + this.opts.random() / 2)) : base;
  }

  reset(): void {
    this.attempts = 0;
  }
}
