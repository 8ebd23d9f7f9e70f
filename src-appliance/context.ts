/**
 * What every feature of the appliance receives: configuration, database, logger, clock, the live
 * event hub. Features are `register(app, ctx)` functions (see ./features.ts), easy to test.
 */
import { type FastifyBaseLogger } from 'fastify';
import { type Argon2Cost } from './auth/argon2-cost.js';
import { type ApplianceConfig } from './config.js';
import { type Db } from './db/database.js';
import { type DataChanges } from './db/data-changes.js';
import { type EventHub } from './events/event-hub.js';
import { type DomainEvents } from './domain-events.js';
import { type LoginChecks, type SessionCheck } from './auth/login-checks.js';
import { type UserRow } from './users/tables.js';
import { type Account } from '../src-shared/api/account.js';

/** Adds fields to the `GET /api/account` answer (two-factor state, photo URL, ...). */
export type AccountViewPart = (user: UserRow) => Promise<Partial<Account>>;

export type CredentialKind = 'password' | 'totp' | 'recovery_code' | 'passkey';

/**
 * Explicit hooks into the appliance for tests (none in production): `credentialVerification` is
 * called as each credential check starts (argon2 for a password, also the dummy one for an unknown
 * name; a TOTP code; a recovery code; a passkey assertion), and the check waits for what it returns.
 */
export interface Probes {
  credentialVerification?(kind: CredentialKind): void | Promise<void>;
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface ApplianceContext {
  config: ApplianceConfig;
  db: Db;
  /** Moves when the data may have changed (this process's writes, or others' commits): for read caches. */
  changes: DataChanges;
  log: FastifyBaseLogger;
  /** argon2id cost for new password hashes (auth/password-hash.ts): ARGON2_COST outside tests. */
  passwordHashCost: Argon2Cost;
  clock: Clock;
  events: EventHub;
  /** Internal happenings (password changed, ...) for features that react to them. */
  domain: DomainEvents;
  /** The URL the appliance is reached at (config.publicUrl, or the listening address). */
  publicUrl(): string;
  /** Extra login steps other features add (see auth/login-checks.ts). */
  loginChecks: LoginChecks;
  /** Rules that restrict a live session at its next request (see auth/session-guard.ts). */
  sessionChecks: SessionCheck[];
  /** Parts merged, in order, over the core account view (see account/account-view.ts). */
  accountView: AccountViewPart[];
  probes: Probes;
}
