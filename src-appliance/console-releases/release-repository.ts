/** Published console builds (`console_releases`): the only code that reads or writes the table. */
import { type Insertable, type Selectable } from 'kysely';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { compareConsoleVersions } from '../../src-shared/console-version.js';
import { type ConsolePlatform } from '../../src-shared/api/updates.js';
import { type ConsoleReleasesTable } from './tables.js';

export type ConsoleRelease = Selectable<ConsoleReleasesTable>;

export const releaseRepository = defineRepository((db: Db) => ({
  async exists(platform: string, version: string): Promise<boolean> {
    const row = await db
      .selectFrom('console_releases')
      .select('id')
      .where('platform', '=', platform)
      .where('version', '=', version)
      .executeTakeFirst();
    return !!row;
  },

  async insert(row: Omit<Insertable<ConsoleReleasesTable>, 'id'>): Promise<number> {
    return (await db.insertInto('console_releases').values(row).returning('id').executeTakeFirstOrThrow()).id;
  },

  /** The newest release of a platform (semantic-version order, not publication order). */
  async latest(platform: ConsolePlatform): Promise<ConsoleRelease | null> {
    const rows = await db.selectFrom('console_releases').selectAll().where('platform', '=', platform).execute();
    return rows.reduce<ConsoleRelease | null>(
      (best, r) => (!best || compareConsoleVersions(r.version, best.version) > 0 ? r : best),
      null,
    );
  },

  async find(platform: ConsolePlatform, version: string, fileName: string): Promise<ConsoleRelease | null> {
    const row = await db
      .selectFrom('console_releases')
      .selectAll()
      .where('platform', '=', platform)
      .where('version', '=', version)
      .where('file_name', '=', fileName)
      .executeTakeFirst();
    return row ?? null;
  },

  async listNewestFirst(): Promise<ConsoleRelease[]> {
    return db
      .selectFrom('console_releases')
      .selectAll()
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  },
}));
