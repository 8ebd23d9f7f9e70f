/**
 * Publishing a console newer than the site's is the appliance's software update: `console_version`
 * and `software_version` in the site state move to it, which also changes the site hash the
 * elevation service's registry file carries. Takes the database handle, not a server context,
 * because the `publish-console` CLI runs without one.
 */
import { type Db } from '../db/database.js';
import { compareConsoleVersions, isConsoleVersion } from '../../src-shared/console-version.js';
import { siteStateRepository } from '../site/site-state-repository.js';

export async function readConsoleVersion(db: Db): Promise<string | null> {
  return siteStateRepository(db).get('console_version');
}

/** Moves the site to `version` when it is newer; returns whether it did. */
export async function raiseSiteVersion(db: Db, version: string): Promise<boolean> {
  return siteStateRepository(db).setWhen(
    ['console_version', 'software_version'],
    version,
    (current) => !current || !isConsoleVersion(current) || compareConsoleVersions(version, current) > 0,
  );
}
