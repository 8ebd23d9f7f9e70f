/**
 * What every feature of the appliance receives: configuration, database, logger, clock, the live
 * event hub. Features are `register(app, ctx)` functions (see ./features.ts), easy to test.
 */
import { type FastifyBaseLogger } from 'fastify';
import { type ApplianceConfig } from './config.js';
import { type Db } from './db/database.js';
import type SQLite from 'better-sqlite3';
import { type EventHub } from './events/event-hub.js';
import { type DomainEvents } from './domain-events.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface ApplianceContext {
  config: ApplianceConfig;
  db: Db;
  sqlite: SQLite.Database;
  log: FastifyBaseLogger;
  clock: Clock;
  events: EventHub;
  /** Internal happenings (password changed, ...) for features that react to them. */
  domain: DomainEvents;
  /** The URL the appliance is reached at (config.publicUrl, or the listening address). */
  publicUrl(): string;
}
