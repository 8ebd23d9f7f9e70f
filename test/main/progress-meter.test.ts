/**
 * ProgressMeter, which measures the update download and the installers main saves: how often it
 * reports, the speed over the last seconds, time left, a resumed download and an unknown size.
 * The clock is the test's.
 */
import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../../src-main/downloads/progress-meter.js';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('ProgressMeter', () => {
  it('reports at most every interval, but always the chunk that completes the file', () => {
    const c = clock();
    const m = new ProgressMeter({ total: 1000, intervalMs: 250, now: c.now });
    expect(m.add(100)).toMatchObject({ transferred: 100, percent: 10 }); // the first one
    c.advance(100);
    expect(m.add(100)).toBeNull();
    c.advance(100);
    expect(m.add(100)).toBeNull();
    c.advance(100);
    expect(m.add(100)).toMatchObject({ transferred: 400, total: 1000, percent: 40 });
    expect(m.add(600)).toMatchObject({ transferred: 1000, percent: 100, seconds_left: 0 }); // no wait for the last
  });

  it('speed is over the last few seconds, and time left follows from it', () => {
    const c = clock();
    const m = new ProgressMeter({ total: 100_000_000, intervalMs: 0, now: c.now });
    // Ten seconds at 100 kB/s, then ten at 1 MB/s: the speed shown is the recent one.
    for (let i = 0; i < 10; i++) {
      c.advance(1000);
      m.add(100_000);
    }
    for (let i = 0; i < 9; i++) {
      c.advance(1000);
      m.add(1_000_000);
    }
    c.advance(1000);
    const p = m.add(1_000_000)!;
    expect(p.transferred).toBe(11_000_000);
    expect(p.bytes_per_second).toBe(1_000_000);
    expect(p.seconds_left).toBe(89);
  });

  it('a resumed download counts what it had in the percent but not in the speed', () => {
    const c = clock();
    const m = new ProgressMeter({ total: 1000, startAt: 600, intervalMs: 0, now: c.now });
    c.advance(2000);
    const p = m.add(100)!;
    expect(p).toEqual({ transferred: 700, total: 1000, percent: 70, bytes_per_second: 50, seconds_left: 6 });
  });

  it('without a size: no percent and no time left, and the end is reported when asked', () => {
    const c = clock();
    const m = new ProgressMeter({ total: Number.NaN, intervalMs: 250, now: c.now });
    expect(m.add(10)).toEqual({ transferred: 10, total: null, percent: null, bytes_per_second: 0, seconds_left: null });
    c.advance(500);
    expect(m.add(990)).toMatchObject({ transferred: 1000, total: null, bytes_per_second: 2000 });
    c.advance(10);
    m.add(5);
    expect(m.current()).toMatchObject({ transferred: 1005, percent: null });
  });

  it('before any time has passed the speed is 0 and the time left unknown', () => {
    const c = clock();
    const m = new ProgressMeter({ total: 1000, now: c.now });
    expect(m.add(1)).toEqual({ transferred: 1, total: 1000, percent: 0.1, bytes_per_second: 0, seconds_left: null });
  });
});
