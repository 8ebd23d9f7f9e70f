/** A fixed-window counter per key on the appliance clock (in memory: one process owns the site). */
import { type Clock } from '../context.js';

export class WindowLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit; false when the key is over its limit in the current window. */
  hit(key: string): boolean {
    const now = this.clock.now().getTime();
    let entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      if (this.hits.size > 10_000) this.prune(now);
      entry = { start: now, count: 0 };
      this.hits.set(key, entry);
    }
    entry.count++;
    return entry.count <= this.limit;
  }

  private prune(now: number): void {
    for (const [key, e] of this.hits) if (now - e.start >= this.windowMs) this.hits.delete(key);
  }
}
