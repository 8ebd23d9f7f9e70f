/**
 * The error envelope from src-shared/errors.ts as each transport carries it: the appliance's HTTP
 * answer read back by `ApiError.fromBody`, and the IPC envelope made by `errorResult` and read by
 * `unwrapResult`. Anything that is not the envelope becomes a generic code, never a made-up one.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/errors.js';
import { errorResult, okResult, unwrapResult } from '../../src-shared/console-bridge.js';

const caught = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
};

describe('error envelope', () => {
  it('an HTTP error answer becomes the ApiError it describes', () => {
    const body = { error: { code: 'account_locked', message: 'Locked.', details: { retry_after_seconds: 30 } } };
    const err = ApiError.fromBody(423, body);
    expect([err.status, err.code, err.message, err.details]).toEqual([
      423,
      'account_locked',
      'Locked.',
      { retry_after_seconds: 30 },
    ]);
    expect({ error: err.toBody() }).toEqual(body);
  });

  it('a body that is not the envelope (unknown code, missing part, HTML) gets the generic code of its status', () => {
    const unknownCode = { error: { code: 'made_up', message: 'x', details: {} } };
    const noDetails = { error: { code: 'forbidden', message: 'x' } };
    expect(ApiError.fromBody(403, unknownCode).code).toBe('bad_request');
    expect(ApiError.fromBody(403, noDetails).code).toBe('bad_request');
    expect(ApiError.fromBody(502, '<html>Bad gateway</html>').code).toBe('internal_error');
    expect(ApiError.fromBody(502, null).message).toBe('HTTP 502');
  });

  it('an ApiError crosses IPC as data and comes back with status, code, message and details', () => {
    const sent = new ApiError(400, 'password_policy', 'Too short.', { rules: ['min_length'] });
    const envelope = errorResult(sent);
    expect(envelope).toEqual({
      ok: false,
      error: { status: 400, code: 'password_policy', message: 'Too short.', details: { rules: ['min_length'] } },
    });
    const back = caught(() => unwrapResult(structuredClone(envelope)));
    expect([back.status, back.code, back.message, back.details]).toEqual([
      400,
      'password_policy',
      'Too short.',
      { rules: ['min_length'] },
    ]);
    expect(unwrapResult(okResult(42))).toBe(42);
  });

  it('any other thrown value becomes internal_error without its text, and a malformed envelope is refused', () => {
    const leaked = errorResult(new Error('SQLITE_BUSY at /var/lib/secret'));
    expect(leaked).toEqual({
      ok: false,
      error: {
        status: 500,
        code: 'internal_error',
        message: 'The desktop console failed to handle the request.',
        details: {},
      },
    });
    const forged = { ok: false, error: { status: 'x', code: 'forbidden', message: 'm', details: {} } };
    expect(caught(() => unwrapResult(forged as never)).code).toBe('internal_error');
    expect(caught(() => unwrapResult(null as never)).message).toBe('Malformed answer from the desktop console.');
  });
});
