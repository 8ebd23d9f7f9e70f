/**
 * Table types for Kysely. Each feature declares its own tables next to its code by augmenting this
 * interface (`declare module '../db/schema.js' { interface DatabaseSchema { users: UsersTable } }`),
 * so features do not edit one shared file. The SQL that creates them is in ./migrations.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DatabaseSchema {}
