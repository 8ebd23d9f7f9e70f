/**
 * Workers of one primary tell each other that they wrote (src-appliance/db/worker-nudge.ts), so a
 * sibling looks for the commit at once rather than at its next poll: a real node:cluster primary
 * with two real worker processes (test/support/worker-nudge-cluster.ts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('worker nudge', () => {
  it('three writes in one turn on worker 1 reach worker 2 as one nudge, and worker 1 is not told of its own', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/support/worker-nudge-cluster.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual([
      { worker: 1, nudges: 0 },
      { worker: 2, nudges: 1 },
    ]);
  });
});
