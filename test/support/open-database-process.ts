/**
 * A process that opens the appliance database (APPLIANCE_DATA_DIR / APPLIANCE_DATABASE_URL) the
 * way the appliance does at start, once its parent says "go" on stdin: it migrates, then tries to
 * create the first user (what the first start does), and prints what it did. Tests start several
 * at once to race them.
 */
import crypto from 'node:crypto';
import { openDatabase } from '../../src-appliance/db/database.js';
import { userRepository } from '../../src-appliance/users/user-repository.js';
import { newUser } from '../../src-appliance/users/new-user.js';

process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const database = await openDatabase({
  dataDir: process.env.APPLIANCE_DATA_DIR!,
  databaseUrl: process.env.APPLIANCE_DATABASE_URL || null,
});
process.stdout.write(`migrations applied: ${database.migrationsApplied}\n`);
const now = new Date().toISOString();
const name = `first-${crypto.randomBytes(4).toString('hex')}`;
const id = await userRepository(database.db).insertFirst(
  newUser({ username: name, password_hash: 'not-a-hash', is_admin: 1 }, now),
);
process.stdout.write(`first user created: ${id === null ? 'no' : 'yes'}\n`);
await database.close();
process.stdin.destroy();
