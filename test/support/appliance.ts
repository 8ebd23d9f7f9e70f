/**
 * Starts a real appliance in this process on a free loopback port with its own temporary data
 * directory and its own database: a real SQLite file in it, or, in the `appliance-pg` project, a
 * database of its own on the test PostgreSQL cluster (./test-database.ts). Tests talk to it over
 * real HTTP with `fetch`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Argon2Cost } from '../../src-appliance/auth/password-hash.js';
import { buildAppliance, type Appliance, type BuildOptions } from '../../src-appliance/server.js';
import { configFromEnv, type ApplianceConfig } from '../../src-appliance/config.js';
import { type Clock } from '../../src-appliance/context.js';
import { TEST_RELEASE_KEY } from './release-key.js';
import { databaseUrlFor } from './test-database.js';

export const ADMIN = { username: 'admin', password: 'Admin-Passw0rd!-long' };

/** A clock tests can move: lockout expiry, reset-link expiry, password expiry. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestAppliance extends Appliance {
  url: string;
  dataDir: string;
  clock: TestClock;
  config: ApplianceConfig;
}

export function tempDir(prefix = 'appliance-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * argon2id at its minimum (1 MiB, one pass) for the appliances tests start: a hash or a login
 * costs ~5 ms instead of the production cost's 40–200 ms on this machine. Tests of the hashing
 * itself start with `productionPasswordHashing: true`; child-process appliances always use the
 * production cost.
 */
export const TEST_PASSWORD_HASH_COST: Argon2Cost = Object.freeze({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

export async function startTestAppliance(
  overrides: Partial<ApplianceConfig> = {},
  { productionPasswordHashing = false, ...opts }: BuildOptions & { productionPasswordHashing?: boolean } = {},
): Promise<TestAppliance> {
  const dataDir = overrides.dataDir ?? tempDir();
  const config: ApplianceConfig = {
    ...configFromEnv({}),
    host: '127.0.0.1',
    port: 0,
    dataDir,
    databaseUrl: await databaseUrlFor(dataDir),
    adminUsername: ADMIN.username,
    adminPassword: ADMIN.password,
    logLevel: 'silent',
    releaseKeys: [TEST_RELEASE_KEY.publicKey],
    ...overrides,
  };
  const clock = opts.clock instanceof TestClock ? opts.clock : new TestClock();
  const testOnlyPasswordHashCost = productionPasswordHashing ? undefined : TEST_PASSWORD_HASH_COST;
  const appliance = await buildAppliance(config, { logger: false, testOnlyPasswordHashCost, ...opts, clock });
  const url = await appliance.listen();
  return { ...appliance, url, dataDir, clock, config };
}
