/**
 * The update's status as the console window shows it (software-update.ts), kept by main: each
 * change is published to the window (nothing in a silent run), and the window asks for the
 * current one when it loads. It also holds the in-window "Restart now / Later" question until the
 * technician answers it.
 */
import { IDLE_UPDATE_STATUS, type UpdateStatus } from '../../src-shared/software-update.js';

export class UpdateStatusBoard {
  private status: UpdateStatus = IDLE_UPDATE_STATUS;
  private pendingChoice: ((restart: boolean) => void) | null = null;

  constructor(private readonly publish: (status: UpdateStatus) => void) {}

  get current(): UpdateStatus {
    return this.status;
  }

  set(status: UpdateStatus): void {
    this.status = status;
    this.publish(status);
  }

  /** Shows "Restart now / Later" in the window; resolves with true for Restart now. */
  askInWindow(version: string): Promise<boolean> {
    this.answer(false); // a question still open is superseded
    this.set({ phase: 'ready', version, choice: 'pending' });
    return new Promise<boolean>((resolve) => (this.pendingChoice = resolve));
  }

  /** The technician's answer; false when no question is open. */
  answer(restart: boolean): boolean {
    const resolve = this.pendingChoice;
    this.pendingChoice = null;
    resolve?.(restart);
    return resolve !== null;
  }
}
