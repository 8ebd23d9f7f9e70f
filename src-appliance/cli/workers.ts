/**
 * APPLIANCE_WORKERS > 1: this process becomes the cluster primary (node:cluster), which serves no
 * request itself; it starts that many appliance processes sharing one listening port (the primary
 * hands connections round-robin). The first worker starts alone, so a first start migrates the
 * database and creates (and prints) the first administrator once; the others follow. A worker that
 * dies is started again; SIGTERM or SIGINT drains every worker (see docs/parts/cluster.md) and then
 * ends the primary. Workers share everything through the database (SQLite in WAL mode, or
 * PostgreSQL), as nodes on several machines do.
 */
import cluster, { type Worker } from 'node:cluster';
import { type ApplianceConfig } from '../config.js';
import { forwardNudges } from '../db/worker-nudge.js';

/** What a worker tells the primary once it listens. */
interface ListeningMessage {
  type: 'appliance.listening';
  url: string;
}

const RESTART_DELAY_MS = 1000;

function isListening(message: unknown): message is ListeningMessage {
  return (message as ListeningMessage | null)?.type === 'appliance.listening';
}

/** In a worker: tell the primary the URL (it prints the one start line). */
export function reportListening(url: string): void {
  process.send?.({ type: 'appliance.listening', url } satisfies ListeningMessage);
}

export const isWorker = (): boolean => cluster.isWorker;

export async function runPrimary(config: ApplianceConfig): Promise<void> {
  let stopping = false;
  const fork = (index: number): Promise<{ worker: Worker; url: string }> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ APPLIANCE_WORKER_INDEX: String(index) });
      forwardNudges(worker);
      const onMessage = (message: unknown) => {
        if (!isListening(message)) return;
        worker.off('exit', onEarlyExit);
        worker.off('message', onMessage);
        resolve({ worker, url: message.url });
      };
      const onEarlyExit = (code: number | null) => reject(new Error(`appliance worker exited (${code}) at start`));
      worker.on('message', onMessage);
      worker.once('exit', onEarlyExit);
      worker.once('exit', (code, signal) => {
        if (stopping) return;
        console.error(`Appliance worker ${index} ended (${signal ?? code}); starting it again`);
        setTimeout(() => {
          if (!stopping) fork(index).catch((err: unknown) => console.error(String(err)));
        }, RESTART_DELAY_MS).unref();
      });
    });

  let first: { url: string };
  try {
    first = await fork(1);
    await Promise.all(Array.from({ length: config.workers - 1 }, (_, i) => fork(i + 2)));
  } catch (err) {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    throw err;
  }
  console.log(`Appliance listening on ${first.url} (data: ${config.dataDir}, ${config.workers} workers)`);

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const worker of workers) {
      worker.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
      worker.process.kill('SIGTERM');
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
