/**
 * Events the desktop console's main process sends its window itself, beside the appliance's live
 * events and on the same channel (`CONSOLE_EVENT_CHANNEL`, the preload's `onEvent`): the software
 * update's status, the progress of the files main saves (My Account → Downloads) and of the
 * files it uploads (Management > Console software). The
 * appliance cannot send these: main parses its socket's messages against `LIVE_EVENT_TYPES` only.
 */
import { isLiveEvent, type LiveEvent } from './api/events.js';
import { type UpdateStatus } from './software-update.js';
import { type TransferProgress } from './transfer-progress.js';

export interface DesktopEventMap {
  'update.status': UpdateStatus;
  /** `id`: the download's id in `GET /api/downloads`. */
  'download.progress': { id: string; progress: TransferProgress };
  /** `file_id`: the picked file's (desktop-uploads.ts) being sent to the appliance. */
  'upload.progress': { file_id: string; progress: TransferProgress };
}
export type DesktopEventType = keyof DesktopEventMap;
export type DesktopEvent = { [K in DesktopEventType]: { type: K; data: DesktopEventMap[K] } }[DesktopEventType];

export const DESKTOP_EVENT_TYPES = [
  'update.status',
  'download.progress',
  'upload.progress',
] as const satisfies readonly DesktopEventType[];

/** Everything a console window can receive on its event channel. */
export type ConsoleEvent = LiveEvent | DesktopEvent;

export function isConsoleEvent(value: unknown): value is ConsoleEvent {
  if (isLiveEvent(value)) return true;
  const v = value as { type?: unknown; data?: unknown } | null;
  return (
    !!v &&
    typeof v.type === 'string' &&
    (DESKTOP_EVENT_TYPES as readonly string[]).includes(v.type) &&
    typeof v.data === 'object' &&
    v.data !== null
  );
}
