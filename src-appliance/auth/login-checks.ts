/**
 * Extension points of `POST /api/auth/login` for other features (two-factor codes, the console
 * version gate). `ctx.loginChecks.beforePassword` run before the password is verified (only for a
 * known, enabled, unlocked user... or `user: null` for an unknown name), `afterPassword` once the
 * password is right. A check refuses by throwing `LoginRefusal`; it may ask for a restricted session.
 */
import { type FastifyRequest } from 'fastify';
import { type ApiError } from '../../src-shared/errors.js';
import { type LoginRequest } from '../../src-shared/api/auth.js';
import { type SecondFactorMethod } from '../../src-shared/api/passkeys.js';
import { type UserRow } from '../users/tables.js';

export interface LoginCheckInput {
  /** null when the username is unknown (beforePassword only). */
  user: UserRow | null;
  body: LoginRequest;
  request: FastifyRequest;
}

/** `secondFactor`: the factor the check accepted (for the security timeline). */
export type LoginCheckResult = void | { restriction?: 'two_factor_enrollment'; secondFactor?: SecondFactorMethod };
export type LoginCheck = (input: LoginCheckInput) => Promise<LoginCheckResult>;

/**
 * A second factor the step after the password can ask for (authenticator code, recovery code,
 * passkey). The two-factor check decides when one is needed and runs them in this list's order;
 * each feature adds its own.
 */
export interface SecondFactor {
  method: SecondFactorMethod;
  /** The user has this factor and this client can use it: the second step offers it. */
  usable(user: UserRow, client: Pick<LoginRequest, 'client'>): Promise<boolean>;
  /** The login request carries an answer for this factor. */
  presented(body: LoginRequest): boolean;
  /** Null when the answer is right, else the refusal (it counts toward lockout). */
  verify(user: UserRow, body: LoginRequest): Promise<ApiError | null>;
  /** What the second step needs to offer it (a passkey challenge), added to `otp_required`'s details. */
  offer?(user: UserRow): Promise<Record<string, unknown>>;
}

/**
 * Restricts a live session at each of its requests, as signing in now would: 2FA became required
 * and the user has no factor usable from this client. Null: no restriction from this rule.
 */
export type SessionCheck = (user: UserRow, client: LoginRequest['client']) => Promise<'two_factor_enrollment' | null>;

export interface LoginChecks {
  beforePassword: LoginCheck[];
  afterPassword: LoginCheck[];
  secondFactors: SecondFactor[];
}

/**
 * Thrown by a LoginCheck to refuse the login with `error`; `countsTowardLockout` adds a failure,
 * `method` names the credential that was wrong (for the security timeline).
 */
export class LoginRefusal extends Error {
  readonly countsTowardLockout: boolean;
  readonly method: SecondFactorMethod | null;
  constructor(
    readonly error: ApiError,
    opts: { countsTowardLockout: boolean; method?: SecondFactorMethod },
  ) {
    super(error.message);
    this.countsTowardLockout = opts.countsTowardLockout;
    this.method = opts.method ?? null;
  }
}
