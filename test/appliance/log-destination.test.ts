/**
 * The appliance's log destination: lines are written once per event-loop turn, whole and in
 * order, into a real file and through real pipes read by this process; two processes sharing one
 * pipe (APPLIANCE_WORKERS) never interleave inside a line; a reader that stops reading does not
 * stop the writer's event loop, and what it held is delivered when the process exits.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogDestination } from '../../src-appliance/log-destination.js';
import { tempDir } from '../support/appliance.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const writerScript = path.join(root, 'test/support/log-writer-process.ts');

interface Logged {
  writer: string;
  seq: number;
  filler: string;
}

/** Starts writers that share one stdout pipe; resolves with what came out once `alive` is seen from each. */
function startWriters(env: Record<string, string>[]) {
  const commands = env.map(
    (e) =>
      `${Object.entries(e)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} "${process.execPath}" --import tsx "${writerScript}" &`,
  );
  const child = spawn('sh', ['-c', `${commands.join(' ')} wait`], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdout.pause();
  let alive = 0;
  let stderr = '';
  const allAlive = new Promise<void>((resolve) =>
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      alive = stderr.split('alive\n').length - 1;
      if (alive === env.length) resolve();
    }),
  );
  const chunks: Buffer[] = [];
  const output = new Promise<string>((resolve) => {
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  /** Reads the pipe again, then lets the writers exit (they write what they hold as they do). */
  const drain = () => {
    child.stdout.resume();
    child.stdin.end();
  };
  return { allAlive, drain, output, stderr: () => stderr };
}

function parseLines(text: string): unknown[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('log destination', () => {
  it('writes a turn’s lines at the end of the turn, whole, in order, with multi-byte characters intact', async () => {
    const file = path.join(tempDir('log-destination-'), 'log');
    const fd = fs.openSync(file, 'w');
    try {
      const destination = createLogDestination(fd);
      const lines = Array.from({ length: 5000 }, (_, i) => `${JSON.stringify({ i, text: `ä€😀\u200d${i}` })}\n`);
      for (const line of lines) destination.write(line);
      expect(fs.readFileSync(file, 'utf8')).toBe('');
      await nextTurn();
      expect(fs.readFileSync(file, 'utf8')).toBe(lines.join(''));
    } finally {
      fs.closeSync(fd);
    }
  });

  it('two processes on one pipe whose reader falls behind: every line arrives whole, each process’s in order', async () => {
    const lines = 4000;
    const writers = startWriters([
      { WRITER: 'a', LINES: String(lines), LINE_BYTES: '700' },
      { WRITER: 'b', LINES: String(lines), LINE_BYTES: '700' },
    ]);
    // The pipe (64 KiB) fills long before either has written its 2.8 MB; neither event loop stops.
    await writers.allAlive;
    writers.drain();
    const logged = parseLines(await writers.output) as Logged[];
    for (const writer of ['a', 'b']) {
      expect(logged.filter((l) => l.writer === writer).map((l) => l.seq)).toEqual(
        Array.from({ length: lines }, (_, i) => i),
      );
    }
    expect(new Set(logged.map((l) => l.filler)).size).toBe(1);
  });

  it('a reader too far behind: lines past the limit are dropped and counted, every line written is whole', async () => {
    const writers = startWriters([
      { WRITER: 'a', LINES: '3000', LINE_BYTES: '200', TURNS: '30', MAX_PENDING_BYTES: '65536' },
    ]);
    await writers.allAlive;
    writers.drain();
    const logged = parseLines(await writers.output) as (Logged & { msg?: string })[];
    // One note per time the reader fell behind and caught up again; together they count every drop.
    const notes = logged.filter((l) => l.msg?.startsWith('log: ')).map((l) => /log: (\d+) lines dropped/.exec(l.msg!));
    const written = logged.filter((l) => l.writer === 'a');
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.reduce((n, m) => n + Number(m![1]), 0)).toBe(3000 - written.length);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(3000);
    // Whole turns are dropped, so what is written is each turn's lines in order, with gaps between turns.
    const seqs = written.map((l) => l.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });
});
