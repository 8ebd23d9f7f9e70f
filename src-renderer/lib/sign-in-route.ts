/**
 * The web console's addresses for sign-ins that began elsewhere (hash routes of /console/):
 *   #/desktop-sign-in?request=ID[&error=CODE]   sign in here to sign the desktop console in
 *   #/desktop-sign-in/done                       the console has its session
 *   #/desktop-sign-in/failed?error=CODE          it has not, and why
 *   #/login?error=CODE                           a single sign-on that failed
 * An error code that is not one of the contract's is shown as a generic failure.
 */
import { type ErrorCode, isErrorCode } from '../../src-shared/api-error.js';

export type SignInRoute =
  | { kind: 'desktop-request'; request: string; error: ErrorCode | null }
  | { kind: 'desktop-done' }
  | { kind: 'desktop-failed'; error: ErrorCode | null }
  | { kind: 'login-failed'; error: ErrorCode | null };

const code = (q: URLSearchParams): ErrorCode | null => {
  const c = q.get('error');
  return c === null ? null : isErrorCode(c) ? c : 'internal_error';
};

export function signInRoute(hash: string): SignInRoute | null {
  const m = /^#\/([a-z/-]+)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[2] ?? '');
  switch (m[1]) {
    case 'desktop-sign-in': {
      const request = q.get('request');
      return request && /^[A-Za-z0-9_-]{22}$/.test(request)
        ? { kind: 'desktop-request', request, error: code(q) }
        : { kind: 'desktop-failed', error: 'desktop_request_invalid' };
    }
    case 'desktop-sign-in/done':
      return { kind: 'desktop-done' };
    case 'desktop-sign-in/failed':
      return { kind: 'desktop-failed', error: code(q) };
    case 'login':
      return { kind: 'login-failed', error: code(q) };
    default:
      return null;
  }
}
