/**
 * Sequences of `update.status` events exactly as main sent them to its window, recorded by
 * test/main/update-window.test.ts (the real electron-updater, resumable executor and update
 * service against a real appliance) and replayed by the notice's Chromium e2e. The recording is
 * committed, so the e2e never depends on another project having run first. Main's test checks on
 * every run that what main sends still has the recording's shape, and rewrites the recording when
 * `UPDATE_STATUS_RECORD=1`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { type UpdateStatus } from '../../src-shared/software-update.js';

export type RecordingName = 'download-to-ready' | 'network-retries-to-1.1gws';

/** The site's origin in a recording: the appliance runs on a new port each time. */
const SITE = '{site}';
const fileOf = (name: RecordingName) => path.join(import.meta.dirname, '../fixtures/update-status', `${name}.json`);

export function readRecording(name: RecordingName, site: string): UpdateStatus[] {
  return JSON.parse(fs.readFileSync(fileOf(name), 'utf8').replaceAll(SITE, site)) as UpdateStatus[];
}

/**
 * What must stay the same between runs: the phases and their fields, one entry per run of
 * download steps (how many steps a download takes depends on the socket's chunks).
 */
function shapeOf(sequence: UpdateStatus[]) {
  const shape = sequence.map((s) => {
    switch (s.phase) {
      case 'downloading':
        return { phase: s.phase, version: s.version, forced: s.forced, total: s.progress.total };
      case 'failed':
        return { phase: s.phase, kind: s.kind, download_url: s.download_url, retry: s.retry.state };
      default:
        return s;
    }
  });
  return shape.filter((s, i) => i === 0 || JSON.stringify(s) !== JSON.stringify(shape[i - 1]));
}

/** What main's progress meter promises about every download step. */
function expectProgressInvariants(sequence: UpdateStatus[]): void {
  const steps = sequence.flatMap((s) => (s.phase === 'downloading' ? [s.progress] : []));
  for (const [i, p] of steps.entries()) {
    if (i > 0) expect(p.transferred).toBeGreaterThan(steps[i - 1]!.transferred);
    expect(p.percent).toBeCloseTo((p.transferred / p.total!) * 100, 6);
    if (p.transferred === p.total) expect(p.seconds_left).toBe(0);
    else if (p.bytes_per_second > 0)
      expect(p.seconds_left).toBe(Math.ceil((p.total! - p.transferred) / p.bytes_per_second));
  }
}

/** Checks a live sequence against the committed recording (or records it, see above). */
export function expectLikeRecording(name: RecordingName, live: UpdateStatus[], site: string): void {
  if (process.env.UPDATE_STATUS_RECORD === '1') {
    fs.writeFileSync(fileOf(name), `${JSON.stringify(live, null, 2).replaceAll(site, SITE)}\n`);
  }
  const recorded = readRecording(name, site);
  expect(shapeOf(live)).toEqual(shapeOf(recorded));
  expectProgressInvariants(live);
  expectProgressInvariants(recorded);
}
