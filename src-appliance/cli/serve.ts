import { type ApplianceConfig } from '../config.js';
import { buildAppliance } from '../server.js';
import { isWorker, reportListening, runPrimary } from './workers.js';
import { redactDatabaseUrl } from '../db/postgres-engine.js';

/**
 * Starts the appliance: one process, or with APPLIANCE_WORKERS > 1 that many on one port (./workers.ts).
 * Prints the start line with its URL; SIGINT/SIGTERM drain and stop cleanly.
 */
export async function serve(config: ApplianceConfig): Promise<void> {
  if (config.workers > 1 && !isWorker()) return runPrimary(config);
  const appliance = await buildAppliance(config);
  const url = await appliance.listen();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await appliance.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  if (isWorker()) {
    // The primary is gone (killed): nothing hands this worker connections any more.
    process.once('disconnect', () => void stop());
    reportListening(url);
  } else {
    const data = config.databaseUrl
      ? `${config.dataDir}, database ${redactDatabaseUrl(config.databaseUrl)}`
      : config.dataDir;
    const migrations = appliance.database.migrationsApplied;
    console.log(`Appliance listening on ${url} (data: ${data}; migrations applied at this start: ${migrations})`);
  }
}
