/**
 * A Vite build as for production whatever NODE_ENV this process has: Vite keeps a NODE_ENV of
 * `development` that something earlier in the process set (and Vitest sets `test`), and React is
 * then built with its development code (the renderer bench's blank page was 125 KiB instead of 66).
 */
import { build, type InlineConfig } from 'vite';

export type BuildOutput = Awaited<ReturnType<typeof build>>;

export async function productionBuild(config: InlineConfig): Promise<BuildOutput> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await build(config);
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
