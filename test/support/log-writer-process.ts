/**
 * A process that logs through the appliance's stdout destination (src-appliance/log-destination.ts)
 * the way the appliance does, for tests that read its standard output through a pipe:
 * WRITER names it, LINES lines of about LINE_BYTES bytes each (with multi-byte characters) are
 * logged over TURNS event-loop turns (default 1), then it writes `alive` to stderr from a timer
 * (the event loop ran while the pipe was full); it exits, which flushes what is pending, when
 * its stdin ends.
 * MAX_PENDING_BYTES lowers the destination's limit on what it holds for a slow reader.
 */
import { createLogDestination } from '../../src-appliance/log-destination.js';

// As in the appliance, which prints its start line with console.log: Node's stdout stream sets
// the pipe non-blocking, so a full pipe answers EAGAIN instead of stopping the process.
void process.stdout;

const writer = process.env.WRITER ?? 'w';
const lines = Number(process.env.LINES ?? 1000);
const filler = 'äö€😀 '.repeat(Math.max(1, Math.round(Number(process.env.LINE_BYTES ?? 200) / 14)));
const destination = createLogDestination(1, {
  maxPendingBytes: process.env.MAX_PENDING_BYTES ? Number(process.env.MAX_PENDING_BYTES) : undefined,
});
const turns = Number(process.env.TURNS ?? 1);
for (let turn = 0; turn < turns; turn++) {
  for (let seq = Math.floor((turn * lines) / turns); seq < Math.floor(((turn + 1) * lines) / turns); seq++) {
    destination.write(`${JSON.stringify({ writer, seq, filler })}\n`);
  }
  await new Promise((resolve) => setImmediate(resolve));
}
setTimeout(() => {
  process.stderr.write('alive\n');
  // Exits (and so flushes what is pending) once the parent, reading again, closes stdin.
  process.stdin.resume();
  process.stdin.once('end', () => process.exit(0));
}, 50);
