/**
 * main's loopback redirect receiver (RFC 8252 §7.3) and the sign-in secrets, under Node with real
 * sockets: where it listens, which requests it refuses and with which code, that exactly one
 * callback with the right state reaches the handler, and that it stops listening afterwards.
 */
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/errors.js';
import {
  listenForCallback,
  type BrowserAnswer,
  type LoopbackCallback,
  type Timers,
} from '../../src-main/sign-in/loopback-callback.js';
import { createSignInSecrets, s256Challenge } from '../../src-main/sign-in/pkce.js';
import { expectApiError } from '../support/expect-api-error.js';

const refusal = (code: string, status: number): BrowserAnswer => ({ status, body: `refused ${code}` });
const failed = (err: unknown): BrowserAnswer => ({
  status: 303,
  headers: { location: `/failed/${(err as ApiError).code}` },
});
const ok = (value: string) => ({ value, answer: { status: 200, body: `signed in ${value}` } });

/** A GET with Node's http client (no keep-alive, no redirects followed). */
function get(
  url: string,
  method = 'GET',
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Timers the test fires itself: the five-minute limit without waiting five minutes. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    set: (fn, ms) => {
      pending.set(++next, { fn, ms });
      return next;
    },
    clear: (h) => void pending.delete(h as number),
  };
  return { timers, pending, fire: () => [...pending.values()].forEach((t) => t.fn()) };
}

const open: LoopbackCallback<unknown>[] = [];
afterEach(() => {
  for (const l of open.splice(0)) l.cancel();
});

async function listen<T>(opts: Parameters<typeof listenForCallback<T>>[0]) {
  const l = await listenForCallback<T>(opts);
  open.push(l as LoopbackCallback<unknown>);
  return l;
}

describe('sign-in secrets', () => {
  it('a fresh 43-character verifier, its S256 challenge and a state, different every time', () => {
    const a = createSignInSecrets();
    const b = createSignInSecrets();
    expect(a.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.codeChallenge).toBe(s256Challenge(a.codeVerifier));
    expect(new Set([a.codeVerifier, b.codeVerifier, a.state, b.state]).size).toBe(4);
  });

  it('S256 is BASE64URL(SHA-256(verifier)): the example of RFC 7636 appendix B', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});

describe('loopback listener', () => {
  it('listens on 127.0.0.1 and a port the system picked, at /callback', async () => {
    const l = await listen({ state: 's1-state-value-long-enough', onCallback: async () => ok('x'), refusal, failed });
    const uri = new URL(l.redirectUri);
    expect(uri.protocol).toBe('http:');
    expect(uri.hostname).toBe('127.0.0.1');
    expect(uri.pathname).toBe('/callback');
    expect(Number(uri.port)).toBeGreaterThan(1023);
    // Not on the other loopback address: only where it said.
    await expect(get(`http://[::1]:${uri.port}/callback`)).rejects.toThrow();
  });

  it('hands the matching callback to the handler once, answers the browser with its answer, and closes', async () => {
    const seen: string[] = [];
    const l = await listen({
      state: 'the-right-state-0123456789',
      onCallback: async (q) => {
        seen.push(q.get('code')!);
        return ok(q.get('code')!);
      },
      refusal,
      failed,
    });
    const res = await get(`${l.redirectUri}?code=abc&state=the-right-state-0123456789`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('signed in abc');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    await expect(l.done).resolves.toBe('abc');
    expect(seen).toEqual(['abc']);
    // Nothing listens any more.
    await expect(get(`${l.redirectUri}?code=again&state=the-right-state-0123456789`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses a callback with another state (400 desktop_state_mismatch) and keeps waiting for the right one', async () => {
    const seen: string[] = [];
    const l = await listen({
      state: 'the-right-state-0123456789',
      onCallback: async (q) => {
        seen.push(q.get('code')!);
        return ok(q.get('code')!);
      },
      refusal,
      failed,
    });
    const wrong = await get(`${l.redirectUri}?code=evil&state=another-state-0123456789`);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toBe('refused desktop_state_mismatch');
    const none = await get(`${l.redirectUri}?code=evil`);
    expect(none.status).toBe(400);
    expect(seen).toEqual([]);
    const right = await get(`${l.redirectUri}?code=good&state=the-right-state-0123456789`);
    expect(right.status).toBe(200);
    await expect(l.done).resolves.toBe('good');
    expect(seen).toEqual(['good']);
  });

  it('refuses a second callback while the first is being handled (409 desktop_callback_repeated)', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    const l = await listen({
      state: 'the-right-state-0123456789',
      onCallback: async (q) => {
        calls++;
        await held;
        return ok(q.get('code')!);
      },
      refusal,
      failed,
    });
    const first = get(`${l.redirectUri}?code=one&state=the-right-state-0123456789`);
    // The handler has the first one before the second is sent.
    await expect.poll(() => calls).toBe(1);
    const second = await get(`${l.redirectUri}?code=two&state=the-right-state-0123456789`);
    expect(second.status).toBe(409);
    expect(second.body).toBe('refused desktop_callback_repeated');
    release();
    expect((await first).status).toBe(200);
    await expect(l.done).resolves.toBe('one');
    expect(calls).toBe(1);
  });

  it('answers 404 to every other path and 405 to another method, without ending the sign-in', async () => {
    let calls = 0;
    const l = await listen({
      state: 'the-right-state-0123456789',
      onCallback: async () => {
        calls++;
        return ok('x');
      },
      refusal,
      failed,
    });
    const base = new URL(l.redirectUri).origin;
    for (const p of ['/', '/favicon.ico', '/callback/x', '/CALLBACK', '/api/auth/desktop/token'])
      expect((await get(`${base}${p}?state=the-right-state-0123456789`)).status, p).toBe(404);
    const post = await get(`${l.redirectUri}?state=the-right-state-0123456789`, 'POST');
    expect(post.status).toBe(405);
    expect(calls).toBe(0);
    expect((await get(`${l.redirectUri}?code=c&state=the-right-state-0123456789`)).status).toBe(200);
    expect(calls).toBe(1);
  });

  it("a handler's error rejects the sign-in and the browser gets the failure answer for it", async () => {
    const l = await listen<string>({
      state: 'the-right-state-0123456789',
      onCallback: async () => {
        throw new ApiError(400, 'token_invalid', 'expired');
      },
      refusal,
      failed,
    });
    const res = await get(`${l.redirectUri}?code=c&state=the-right-state-0123456789`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/failed/token_invalid');
    await expectApiError(l.done, 'token_invalid');
  });

  it('gives up after five minutes with desktop_sign_in_timeout and stops listening', async () => {
    const t = manualTimers();
    const l = await listen({
      state: 'the-right-state-0123456789',
      onCallback: async () => ok('x'),
      refusal,
      failed,
      timers: t.timers,
    });
    expect([...t.pending.values()].map((p) => p.ms)).toEqual([5 * 60_000]);
    t.fire();
    await expectApiError(l.done, 'desktop_sign_in_timeout');
    await expect(get(`${l.redirectUri}?code=c&state=the-right-state-0123456789`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('cancel ends the wait with desktop_sign_in_cancelled and frees the port', async () => {
    const l = await listen({ state: 'the-right-state-0123456789', onCallback: async () => ok('x'), refusal, failed });
    l.cancel();
    await expectApiError(l.done, 'desktop_sign_in_cancelled');
    const port = Number(new URL(l.redirectUri).port);
    await new Promise<void>((resolve, reject) => {
      const probe = net.createServer().once('error', reject);
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  });
});
