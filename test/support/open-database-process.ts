/**
 * A process that opens the appliance database (APPLIANCE_DATA_DIR / APPLIANCE_DATABASE_URL) the
 * way the appliance does at start, once its parent says "go" on stdin, and prints how many
 * migrations it applied. Tests start several at once to race them.
 */
import { openDatabase } from '../../src-appliance/db/database.js';

process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const database = await openDatabase({
  dataDir: process.env.APPLIANCE_DATA_DIR!,
  databaseUrl: process.env.APPLIANCE_DATABASE_URL || null,
});
process.stdout.write(`migrations applied: ${database.migrationsApplied}\n`);
await database.close();
process.stdin.destroy();
