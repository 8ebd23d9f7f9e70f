/**
 * A node:cluster primary with two workers wired as the appliance wires them (forwardNudges in the
 * primary, siblingNudge in each worker), for test/appliance/worker-nudge.test.ts. Worker 1 writes
 * three times in one turn of the event loop; worker 2 reports each nudge it gets; after worker 2's
 * first nudge both report what they heard, and the primary prints it as one JSON line and exits.
 */
import cluster from 'node:cluster';
import { forwardNudges, siblingNudge } from '../../src-appliance/db/worker-nudge.js';

type Report = { worker: number; nudges: number };

if (cluster.isPrimary) {
  const reports: Report[] = [];
  const ready = new Set<number>();
  const workers = [1, 2].map((index) => {
    const worker = cluster.fork({ NUDGE_WORKER: String(index) });
    forwardNudges(worker);
    worker.on('message', (m: { type?: string } & Partial<Report>) => {
      if (m.type === 'ready') {
        ready.add(index);
        if (ready.size === 2) workers[0]!.send({ type: 'write' });
      } else if (m.type === 'nudged' && index === 2) {
        // Give worker 1 the same chance to hear a (wrong) nudge of its own, then ask both.
        setTimeout(() => workers.forEach((w) => w.send({ type: 'report' })), 300);
      } else if (m.type === 'report') {
        reports.push({ worker: index, nudges: m.nudges! });
        if (reports.length === 2) {
          console.log(JSON.stringify(reports.sort((a, b) => a.worker - b.worker)));
          workers.forEach((w) => w.kill());
          process.exit(0);
        }
      }
    });
    return worker;
  });
} else {
  const index = Number(process.env.NUDGE_WORKER);
  let nudges = 0;
  const nudge = siblingNudge(() => {
    nudges++;
    process.send!({ type: 'nudged' });
  });
  process.on('message', (m: { type?: string }) => {
    if (m.type === 'write') for (let i = 0; i < 3; i++) nudge.wrote();
    if (m.type === 'report') process.send!({ type: 'report', nudges });
  });
  process.send!({ type: 'ready', worker: index });
}
