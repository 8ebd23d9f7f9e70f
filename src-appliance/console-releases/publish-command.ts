/**
 * `npm run appliance -- publish-console --version 1.1.0 --platform win --file <build>
 * [--signature <build>.sig]`: adds a console build to the data directory (APPLIANCE_DATA_DIR),
 * once its signature by the publisher's release key (made on the build machine with
 * `release-key sign`, the `.sig` file beside the build) verifies against APPLIANCE_RELEASE_KEYS.
 * When the version is newer than the site's, this is the software update: a running server
 * notices within a second (release-watch.ts) and pushes `site.updated`. Exit codes: 0 published,
 * 1 refused (unsigned, wrongly signed, …) or failed, 2 usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { type Command } from '../command.js';
import { openDatabase } from '../db/database.js';
import { CONSOLE_PLATFORMS } from '../../src-shared/api/updates.js';
import { PublishError, publishRelease } from './release-store.js';
import { raiseSiteVersion } from './site-version.js';

const USAGE = `usage: npm run appliance -- publish-console --version <x.y.z> --platform <${CONSOLE_PLATFORMS.join('|')}> --file <path> [--signature <path>.sig]`;

export const publishConsoleCommand: Command = {
  summary: 'Publish a console build (a newer version is the software update)',
  async run(config, args) {
    let values: { version?: string; platform?: string; file?: string; signature?: string };
    try {
      ({ values } = parseArgs({
        args,
        options: {
          version: { type: 'string' },
          platform: { type: 'string' },
          file: { type: 'string' },
          signature: { type: 'string' },
        },
        strict: true,
      }));
    } catch (err) {
      console.error(`${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    if (!values.version || !values.platform || !values.file) {
      console.error(USAGE);
      return 2;
    }
    const signatureFile = values.signature ?? `${values.file}.sig`;
    let signature: string | null = null;
    try {
      signature = fs.readFileSync(signatureFile, 'utf8');
    } catch {
      // No .sig beside the build: publishRelease refuses it as unsigned. A named one must exist.
      if (values.signature) {
        console.error(`publish-console: cannot read the signature ${signatureFile}`);
        return 1;
      }
    }
    const { db, close } = await openDatabase(config);
    try {
      const release = await publishRelease(db, {
        dataDir: config.dataDir,
        version: values.version,
        platform: values.platform,
        file: values.file,
        signature,
        releaseKeys: config.releaseKeys,
        now: new Date(),
      });
      const updated = await raiseSiteVersion(db, release.version);
      console.log(
        `Published console ${release.version} for ${release.platform}: ${release.file_name}, ${release.size} bytes, sha512 ${release.sha512}`,
      );
      console.log(
        updated
          ? `Site console and software version are now ${release.version}.`
          : 'The site already has this or a newer console version: no software update.',
      );
      return 0;
    } catch (err) {
      if (err instanceof PublishError) {
        console.error(`publish-console: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      await close();
    }
  },
};
