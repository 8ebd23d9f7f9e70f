/** Awaits a call that must fail with an ApiError of this code (and status), and returns the error. */
import { expect } from 'vitest';
import { ApiError } from '../../src-shared/errors.js';

export async function expectApiError(p: Promise<unknown>, code: string, status?: number): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe(code);
  if (status !== undefined) expect((err as ApiError).status).toBe(status);
  return err as ApiError;
}
