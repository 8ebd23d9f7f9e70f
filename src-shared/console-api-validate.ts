import Value from 'typebox/value';
import { CONSOLE_API_ARGS, type ConsoleApiMethod } from './console-api.js';

/** Runtime check of a ConsoleApi call's argument (IPC handlers run it before any HTTP call). */
export function checkConsoleArgs(
  method: string,
  args: unknown[],
): { ok: true; method: ConsoleApiMethod } | { ok: false; reason: string } {
  if (!Object.hasOwn(CONSOLE_API_ARGS, method)) return { ok: false, reason: `unknown method ${method}` };
  const schema = CONSOLE_API_ARGS[method as ConsoleApiMethod];
  if (schema === null) {
    return args.length === 0
      ? { ok: true, method: method as ConsoleApiMethod }
      : { ok: false, reason: `${method} takes no argument` };
  }
  if (args.length !== 1) return { ok: false, reason: `${method} takes exactly one argument` };
  if (!Value.Check(schema, args[0])) {
    const first = [...Value.Errors(schema, args[0])][0];
    return {
      ok: false,
      reason: `${method}: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid argument'}`,
    };
  }
  return { ok: true, method: method as ConsoleApiMethod };
}
