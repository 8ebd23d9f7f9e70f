/**
 * The download pump's chunk reader on a real file: synchronous reads while they are fast, the
 * thread pool for the rest of the download once one read was slow, the same bytes either way.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkReader, PUMP_CHUNK } from '../../src-appliance/console-releases/file-pump.js';
import { tempDir } from '../support/appliance.js';

let file: string;
let bytes: Buffer;

beforeAll(() => {
  bytes = crypto.randomBytes(3 * PUMP_CHUNK + 1234);
  file = path.join(tempDir('file-pump-'), 'build.exe');
  fs.writeFileSync(file, bytes);
});

async function readAll(slowReadMs: number): Promise<{ data: Buffer; modes: string[] }> {
  const fh = await fsp.open(file, 'r');
  try {
    const reader = chunkReader(fh, slowReadMs);
    const parts: Buffer[] = [];
    const modes: string[] = [];
    for (let pos = 0; pos < bytes.length;) {
      const buf = Buffer.alloc(PUMP_CHUNK);
      const n = await reader.read(buf, Math.min(PUMP_CHUNK, bytes.length - pos), pos);
      parts.push(buf.subarray(0, n));
      modes.push(reader.mode);
      pos += n;
    }
    return { data: Buffer.concat(parts), modes };
  } finally {
    await fh.close();
  }
}

describe('chunkReader', () => {
  it('stays synchronous while every read is fast, and reads every byte', async () => {
    const { data, modes } = await readAll(Number.POSITIVE_INFINITY);
    expect(data.equals(bytes)).toBe(true);
    expect(modes).toEqual(['sync', 'sync', 'sync', 'sync']);
  });

  it('moves to the thread pool after the first slow read, and the bytes stay the same', async () => {
    const { data, modes } = await readAll(-1);
    expect(data.equals(bytes)).toBe(true);
    expect(modes).toEqual(['async', 'async', 'async', 'async']);
  });
});

afterAll(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
