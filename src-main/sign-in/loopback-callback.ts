/**
 * The loopback redirect receiver of RFC 8252 §7.3: an HTTP listener on 127.0.0.1 and a port the
 * system picks, for one sign-in. It waits (at most five minutes) for one `GET /callback` whose
 * `state` is this sign-in's, hands its query to `onCallback`, answers the browser with what that
 * returns, and closes. Everything else is refused without touching the sign-in:
 *   - any other path: 404; another method on /callback: 405;
 *   - a /callback with another or no `state` (a stale tab, another program guessing): 400
 *     `desktop_state_mismatch`, and the listener keeps waiting for the real one;
 *   - a second /callback once the first was accepted: 409 `desktop_callback_repeated`
 *     (and once the sign-in has finished nothing listens any more).
 */
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { ApiError, type ErrorCode } from '../../src-shared/errors.js';

export const CALLBACK_PATH = '/callback';
export const CALLBACK_TIMEOUT_MS = 5 * 60_000;

/** What the browser is answered with. */
export interface BrowserAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface CallbackOutcome<T> {
  /** What `done` resolves with. */
  value: T;
  answer: BrowserAnswer;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}
const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) };

export interface LoopbackCallbackOptions<T> {
  state: string;
  /** Runs once, for the matching callback; a throw rejects `done` and answers `failed(err)`. */
  onCallback(query: URLSearchParams): Promise<CallbackOutcome<T>>;
  /** The answer for a callback refused here: another state, or a repeated one. */
  refusal(code: ErrorCode, status: number): BrowserAnswer;
  /** The answer when `onCallback` threw. */
  failed(err: unknown): BrowserAnswer;
  timeoutMs?: number;
  timers?: Timers;
}

export interface LoopbackCallback<T> {
  /** `http://127.0.0.1:<port>/callback`: the redirect_uri of the authorization request. */
  redirectUri: string;
  /** The handler's value; or an ApiError: `desktop_sign_in_timeout`, `desktop_sign_in_cancelled`, the handler's. */
  done: Promise<T>;
  /** Stops waiting: `done` rejects with `desktop_sign_in_cancelled` unless it has settled. */
  cancel(): void;
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function send(res: http.ServerResponse, answer: BrowserAnswer): void {
  res.writeHead(answer.status, { ...SECURITY_HEADERS, ...answer.headers, connection: 'close' });
  res.end(answer.body ?? '');
}

export async function listenForCallback<T>(opts: LoopbackCallbackOptions<T>): Promise<LoopbackCallback<T>> {
  const timers = opts.timers ?? realTimers;
  let accepted = false;
  let settled = false;
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be left with an unhandled rejection because they only awaited `redirectUri`.
  done.catch(() => undefined);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== CALLBACK_PATH) return send(res, { status: 404, body: 'Not found\n' });
    if (req.method !== 'GET')
      return send(res, { status: 405, headers: { allow: 'GET' }, body: 'Method not allowed\n' });
    if (accepted) return send(res, opts.refusal('desktop_callback_repeated', 409));
    if (url.searchParams.get('state') !== opts.state) return send(res, opts.refusal('desktop_state_mismatch', 400));
    accepted = true;
    timers.clear(timer);
    opts.onCallback(url.searchParams).then(
      (outcome) => {
        send(res, outcome.answer);
        finish(() => resolve(outcome.value));
      },
      (err: unknown) => {
        send(res, opts.failed(err));
        finish(() => reject(err));
      },
    );
  });
  server.keepAliveTimeout = 1;

  function finish(settle: () => void): void {
    if (settled) return;
    settled = true;
    timers.clear(timer);
    server.close();
    server.closeIdleConnections();
    settle();
  }

  const timer = timers.set(
    () =>
      finish(() =>
        reject(
          new ApiError(0, 'desktop_sign_in_timeout', 'The browser sign-in was not completed within five minutes.'),
        ),
      ),
    opts.timeoutMs ?? CALLBACK_TIMEOUT_MS,
  );
  await new Promise<void>((res, rej) => {
    server.once('error', (err) => {
      timers.clear(timer);
      rej(err);
    });
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => res());
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    done,
    cancel: () => {
      if (accepted) return; // the exchange is under way: let it finish
      finish(() => reject(new ApiError(0, 'desktop_sign_in_cancelled', 'The browser sign-in was cancelled.')));
    },
  };
}
