/**
 * A software update as main reports it to the window (`update.status` events), for the e2e stand-in
 * bridge: a 3 MB download in the steps main's progress meter sends (at most one report a quarter
 * second, the speed over the last seconds), then ready; and the 1.1gws failure with its retry.
 */
import { type UpdateStatus } from '../../../src-shared/software-update.js';
import { transferProgress } from '../../../src-shared/transfer-progress.js';

const SIZE = 3 * 1024 * 1024 + 321;
const VERSION = '2.1.0';

export const DOWNLOAD_TO_READY: UpdateStatus[] = [
  [0, 0],
  [262_144, 1_048_576],
  [917_504, 1_310_720],
  [1_638_400, 1_441_792],
  [2_621_440, 1_507_328],
  [SIZE, 1_507_328],
].map(([done, speed]) => ({
  phase: 'downloading' as const,
  version: VERSION,
  forced: false,
  progress: transferProgress(done!, SIZE, speed!),
}));
DOWNLOAD_TO_READY.push({ phase: 'ready', version: VERSION, choice: 'pending' });

export const GWS_FAILURE: UpdateStatus[] = [
  { phase: 'failed', kind: '1.1gws', download_url: '', retry: { state: 'running' } },
  { phase: 'failed', kind: '1.1gws', download_url: '', retry: { state: 'scheduled', at: '2026-12-02T14:05:00.000Z' } },
];
