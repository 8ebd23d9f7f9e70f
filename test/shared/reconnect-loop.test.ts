/**
 * The live-event sockets' reconnect schedule (src-shared/reconnect-loop.ts), on real timers: drops
 * back off with jitter up to the cap, a node that drains is left at once with the backoff reset,
 * and nothing connects once it is stopped.
 */
import { describe, expect, it } from 'vitest';
import { RECONNECT_ELSEWHERE_MAX_MS, ReconnectLoop } from '../../src-shared/reconnect-loop.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ReconnectLoop', () => {
  it('start connects once; a second start while a socket is open or a reconnect waits does not', async () => {
    let connects = 0;
    const loop = new ReconnectLoop(() => connects++, { initialMs: 5, random: () => 1 });
    loop.start(false);
    loop.start(true);
    expect(connects).toBe(1);
    loop.dropped();
    loop.start(false);
    expect(connects).toBe(1);
    await sleep(30);
    expect(connects).toBe(2);
    loop.stop();
  });

  it('drops double the delay up to the cap, jittered to 50–100 %; an open connection resets it', () => {
    const randoms = [1, 0, 1, 1, 1, 1];
    const loop = new ReconnectLoop(() => undefined, { initialMs: 100, maxMs: 800, random: () => randoms.shift()! });
    loop.start(true);
    expect([loop.dropped(), loop.dropped(), loop.dropped(), loop.dropped(), loop.dropped()]).toEqual([
      100, 100, 400, 800, 800,
    ]);
    loop.opened();
    expect(loop.dropped()).toBe(100);
    loop.stop();
  });

  it('a node that drains is left within 250 ms and the backoff starts again', () => {
    let random = 1;
    const loop = new ReconnectLoop(() => undefined, { initialMs: 100, maxMs: 10_000, random: () => random });
    loop.start(true);
    for (let i = 0; i < 5; i++) loop.dropped();
    expect(loop.drained()).toBe(RECONNECT_ELSEWHERE_MAX_MS);
    random = 0.5;
    expect(loop.drained()).toBe(125);
    random = 1;
    expect(loop.dropped()).toBe(100);
    loop.stop();
  });

  it('once stopped, nothing is scheduled and a waiting reconnect does not happen', async () => {
    let connects = 0;
    const loop = new ReconnectLoop(() => connects++, { initialMs: 5, random: () => 1 });
    loop.start(true);
    expect(loop.dropped()).toBe(5);
    loop.stop();
    expect(loop.dropped()).toBeNull();
    expect(loop.drained()).toBeNull();
    await sleep(30);
    expect(connects).toBe(0);
  });
});
