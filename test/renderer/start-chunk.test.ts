// @vitest-environment node
/**
 * The login screen paints only once the `start` chunk (everything main.tsx imports, see
 * src-renderer/vite.config.ts) has loaded and run, so what it holds is on the first paint's path.
 * TypeBox must not be in it: the contract's schemas there (src-shared/errors.ts, the api/ modules
 * they came with) were a third of the chunk and held the first paint back by about 60 ms
 * (`npm run bench -- renderer`). The renderer's screens that validate load it with their chunks.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Rolldown } from 'vite';
import { productionBuild } from '../support/production-build.js';

/** The production build, in memory. */
async function chunks(): Promise<Rolldown.OutputChunk[]> {
  const result = await productionBuild({
    configFile: path.resolve('src-renderer/vite.config.ts'),
    build: { write: false },
    logLevel: 'error',
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  return outputs.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
}

const fromTypeBox = (id: string) => /[\\/]node_modules[\\/]typebox[\\/]/.test(id);

describe('the start chunk', () => {
  it('holds no TypeBox module, and the chunks that validate still have it', { timeout: 120_000 }, async () => {
    const built = await chunks();
    const start = built.find((c) => c.name === 'start')!;
    expect(start.moduleIds.some((id) => id.endsWith(path.join('src-renderer', 'main.tsx')))).toBe(true);
    expect(start.moduleIds.filter(fromTypeBox)).toEqual([]);
    // The check would pass on a build that lost TypeBox altogether; it is there, only later.
    expect(built.some((c) => c.moduleIds.some(fromTypeBox))).toBe(true);
  });
});
