/**
 * Extension points of `POST /api/auth/login` for other features (two-factor codes, the console
 * version gate). `ctx.loginChecks.beforePassword` run before the password is verified (only for a
 * known, enabled, unlocked user... or `user: null` for an unknown name), `afterPassword` once the
 * password is right. A check refuses by throwing `LoginRefusal`; it may ask for a restricted session.
 */
import { type FastifyRequest } from 'fastify';
import { type ApiError } from '../../src-shared/errors.js';
import { type LoginRequest } from '../../src-shared/api/auth.js';
import { type UserRow } from '../users/tables.js';

export interface LoginCheckInput {
  /** null when the username is unknown (beforePassword only). */
  user: UserRow | null;
  body: LoginRequest;
  request: FastifyRequest;
}

export type LoginCheckResult = void | { restriction?: 'two_factor_enrollment' };
export type LoginCheck = (input: LoginCheckInput) => Promise<LoginCheckResult>;

export interface LoginChecks {
  beforePassword: LoginCheck[];
  afterPassword: LoginCheck[];
}

/** Thrown by a LoginCheck to refuse the login with `error`; `countsTowardLockout` adds a failure. */
export class LoginRefusal extends Error {
  readonly countsTowardLockout: boolean;
  constructor(
    readonly error: ApiError,
    opts: { countsTowardLockout: boolean },
  ) {
    super(error.message);
    this.countsTowardLockout = opts.countsTowardLockout;
  }
}
