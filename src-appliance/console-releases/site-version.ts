/**
 * Publishing a console newer than the site's is the appliance's software update: `console_version`
 * and `software_version` in `site_state` (the keys site/site-state.ts owns) move to it, which also
 * changes the site hash the elevation service's registry file carries. Written here against the
 * database directly because the `publish-console` CLI runs without a server context.
 */
import { type Db } from '../db/database.js';
import { compareConsoleVersions, isConsoleVersion } from '../../src-shared/console-version.js';
import '../users/tables.js';

export async function readConsoleVersion(db: Db): Promise<string | null> {
  const row = await db.selectFrom('site_state').select('value').where('key', '=', 'console_version').executeTakeFirst();
  return row?.value ?? null;
}

/** Moves the site to `version` when it is newer; returns whether it did. */
export async function raiseSiteVersion(db: Db, version: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('site_state')
      .select('value')
      .where('key', '=', 'console_version')
      .executeTakeFirst();
    const current = row?.value;
    if (current && isConsoleVersion(current) && compareConsoleVersions(version, current) <= 0) return false;
    for (const key of ['console_version', 'software_version']) {
      await trx
        .insertInto('site_state')
        .values({ key, value: version })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: version }))
        .execute();
    }
    return true;
  });
}
