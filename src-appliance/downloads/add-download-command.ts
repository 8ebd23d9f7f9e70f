/**
 * `npm run appliance -- add-download --id <catalog id> --file <path>`: copies the file into the
 * data directory (downloads/<id>/<file name>) and registers it; My Account lists it as available.
 * Registering the same id again replaces the file. Exit codes: 0 added, 1 refused, 2 usage.
 */
import { parseArgs } from 'node:util';
import { type Command } from '../command.js';
import { openDatabase } from '../db/database.js';
import { CATALOG, REGISTRY_FILE_ID } from './catalog.js';
import { AddDownloadError, addDownload } from './download-store.js';

const USAGE = `usage: npm run appliance -- add-download --id <id> --file <path>
ids: ${CATALOG.filter((e) => e.id !== REGISTRY_FILE_ID)
  .map((e) => e.id)
  .join(', ')}`;

export const addDownloadCommand: Command = {
  summary: 'Register a file My Account offers for download (console, display driver, smart card, elevation service)',
  async run(config, args) {
    let values: { id?: string; file?: string };
    try {
      ({ values } = parseArgs({ args, options: { id: { type: 'string' }, file: { type: 'string' } }, strict: true }));
    } catch (err) {
      console.error(`${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    if (!values.id || !values.file) {
      console.error(USAGE);
      return 2;
    }
    const { db, close } = await openDatabase(config);
    try {
      const added = await addDownload(db, config.dataDir, values.id, values.file, new Date());
      console.log(`Added ${added.id}: ${added.file_name}, ${added.size} bytes, sha256 ${added.sha256}`);
      return 0;
    } catch (err) {
      if (err instanceof AddDownloadError) {
        console.error(`add-download: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      await close();
    }
  },
};
