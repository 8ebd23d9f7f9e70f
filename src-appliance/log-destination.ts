/**
 * Where the appliance's log lines go: standard output (a terminal, a file, journald's pipe), in
 * one write per event-loop turn instead of one per line. pino's default destination (sonic-boom,
 * asynchronous) hands every few lines to libuv's thread pool and measures the whole pending buffer
 * again for each line; with one access-log line per request that was the largest cost of an
 * account read after the socket itself (bench appliance-account: about 10 µs of CPU per request,
 * pino's destination vs this one, SQLite, one worker).
 * - A line is written whole and in order, at the end of the turn that logged it; at process exit
 *   what is pending is written synchronously, so a clean stop or a crash with a stack trace loses
 *   nothing. Only SIGKILL or a fatal V8 error loses the lines of the turn it interrupted.
 * - Each write holds whole lines and at most PIPE_BUF bytes (unless one line is longer), so the
 *   workers of APPLIANCE_WORKERS sharing one pipe never interleave inside a line.
 * - A reader that falls behind (EAGAIN on a pipe) is waited for without blocking the event loop;
 *   lines beyond MAX_PENDING_BYTES meanwhile are dropped and counted in a line of their own.
 */
import fs from 'node:fs';

/** Linux's atomic pipe write. */
export const PIPE_BUF = 4096;
export const MAX_PENDING_BYTES = 16 * 1024 * 1024;
const RETRY_MS = 10;
/** How long an exiting process waits for a reader that is behind. */
const EXIT_WAIT_MS = 5000;

export interface LogDestination {
  write(line: string): void;
  /** Writes everything pending now, waiting for a slow reader (process exit). */
  flushSync(): void;
}

export function createLogDestination(
  fd: number,
  { maxPendingBytes = MAX_PENDING_BYTES }: { maxPendingBytes?: number | undefined } = {},
): LogDestination {
  let turn: string[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let dropped = 0;
  let scheduled = false;

  function queue(bytes: Buffer): void {
    pending.push(bytes);
    pendingBytes += bytes.length;
  }

  /**
   * Moves the turn's lines to the write queue, as one buffer, or counts them as dropped if the
   * reader is too far behind; once there is room again, a line says how many were dropped.
   */
  function takeTurn(): void {
    let bytes: Buffer | null = null;
    if (turn.length > 0) {
      bytes = Buffer.from(turn.join(''));
      turn = [];
      if (pendingBytes + bytes.length > maxPendingBytes) {
        for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) dropped++;
        bytes = null;
      }
    }
    if (dropped > 0 && pendingBytes + PIPE_BUF <= maxPendingBytes) {
      const msg = `log: ${dropped} lines dropped while the reader was behind`;
      queue(Buffer.from(`${JSON.stringify({ level: 40, time: Date.now(), msg })}\n`));
      dropped = 0;
    }
    if (bytes) queue(bytes);
  }

  /** Where the next write ends: at most PIPE_BUF bytes and on a line's end, unless one line is longer. */
  function writeEnd(bytes: Buffer): number {
    if (bytes.length <= PIPE_BUF) return bytes.length;
    const lastNewline = bytes.lastIndexOf(10, PIPE_BUF - 1);
    if (lastNewline >= 0) return lastNewline + 1;
    const firstNewline = bytes.indexOf(10);
    return firstNewline >= 0 ? firstNewline + 1 : bytes.length;
  }

  /** Writes until the queue is empty (true) or the reader is full (false). */
  function drain(): boolean {
    while (pending.length > 0) {
      const bytes = pending[0]!;
      let written: number;
      try {
        written = fs.writeSync(fd, bytes, 0, writeEnd(bytes));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return false;
        // The reader is gone (EPIPE, a closed fd): there is nowhere left to log to.
        pending = [];
        pendingBytes = 0;
        return true;
      }
      pendingBytes -= written;
      if (written === bytes.length) pending.shift();
      else pending[0] = bytes.subarray(written);
    }
    return true;
  }

  /** Queues the turn and writes the queue; false if the reader is full. */
  function writePending(): boolean {
    takeTurn();
    if (!drain()) return false;
    if (dropped === 0) return true;
    takeTurn(); // the queue is empty now: room for the count of what was dropped
    return drain();
  }

  function flush(): void {
    if (writePending()) scheduled = false;
    else setTimeout(flush, RETRY_MS).unref();
  }

  const destination: LogDestination = {
    write(line) {
      turn.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flushSync() {
      const giveUpAt = Date.now() + EXIT_WAIT_MS;
      const sleeper = new Int32Array(new SharedArrayBuffer(4));
      while (!writePending() && Date.now() < giveUpAt) Atomics.wait(sleeper, 0, 0, 1);
    },
  };
  process.on('exit', () => destination.flushSync());
  return destination;
}

let stdout: LogDestination | null = null;

/** The process's one destination for standard output: every appliance built in it shares it. */
export function stdoutLogDestination(): LogDestination {
  stdout ??= createLogDestination(1);
  return stdout;
}
