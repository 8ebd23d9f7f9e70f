/**
 * A process that opens the appliance database (APPLIANCE_DATA_DIR / APPLIANCE_DATABASE_URL) the
 * way the appliance does at start, once its parent says "go" on stdin: it migrates, then tries to
 * create the first user (what the first start does), and prints what it did. Tests start several
 * at once to race them.
 */
import crypto from 'node:crypto';
import { openDatabase } from '../../src-appliance/db/database.js';
import { userRepository } from '../../src-appliance/users/user-repository.js';

process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const database = await openDatabase({
  dataDir: process.env.APPLIANCE_DATA_DIR!,
  databaseUrl: process.env.APPLIANCE_DATABASE_URL || null,
});
process.stdout.write(`migrations applied: ${database.migrationsApplied}\n`);
const now = new Date().toISOString();
const name = `first-${crypto.randomBytes(4).toString('hex')}`;
const id = await userRepository(database.db).insertFirst({
  username: name,
  password_hash: 'not-a-hash',
  private_display_name: name,
  public_display_name: name,
  email_address: null,
  preferred_email_language: null,
  enabled: 1,
  is_admin: 1,
  failed_login_count: 0,
  locked_until: null,
  locked_by_admin_only: 0,
  password_changed_at: now,
  password_change_required: 0,
  two_factor_required: 0,
  extended_availability_allowed: 0,
  extended_availability_enabled: 0,
  photo_etag: null,
  created_at: now,
  updated_at: now,
});
process.stdout.write(`first user created: ${id === null ? 'no' : 'yes'}\n`);
await database.close();
process.stdin.destroy();
