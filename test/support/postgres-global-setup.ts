/**
 * Vitest global setup of the `appliance-pg` project: one throwaway PostgreSQL cluster for the run
 * (./postgres-cluster.ts); test files get their databases from it (./test-database.ts).
 */
import { type TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
