/** The first administrator, created at the first start (see ./bootstrap.ts). */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { ensureFirstAdmin } from './bootstrap.js';

export const name = 'users';
export const dependencies = [] as const;

export async function register(_app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  await ensureFirstAdmin(ctx, (line) => process.stdout.write(`${line}\n`));
}
