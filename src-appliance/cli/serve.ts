import { type ApplianceConfig } from '../config.js';
import { buildAppliance } from '../server.js';

/** Starts the appliance and prints the start line with its URL; stops cleanly on SIGINT/SIGTERM. */
export async function serve(config: ApplianceConfig): Promise<void> {
  const appliance = await buildAppliance(config);
  const url = await appliance.listen();
  console.log(`Appliance listening on ${url} (data: ${config.dataDir})`);
  const stop = async () => {
    await appliance.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
