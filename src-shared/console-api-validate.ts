import Value from 'typebox/value';
import { type TSchema } from 'typebox';

/** A method's argument schemas: one schema (one argument) or null (no argument) per method name. */
export type ArgumentTable<M extends string = string> = { readonly [K in M]: TSchema | null };

export type ArgsCheck<M extends string> = { ok: true; method: M } | { ok: false; reason: string };

/** Runtime check of a call's arguments against its table (IPC handlers run it before doing anything). */
export function checkArgs<M extends string>(table: ArgumentTable<M>, method: string, args: unknown[]): ArgsCheck<M> {
  if (!Object.hasOwn(table, method)) return { ok: false, reason: `unknown method ${method}` };
  const schema = table[method as M];
  if (schema === null) {
    return args.length === 0 ? { ok: true, method: method as M } : { ok: false, reason: `${method} takes no argument` };
  }
  if (args.length !== 1) return { ok: false, reason: `${method} takes exactly one argument` };
  if (!Value.Check(schema, args[0])) {
    const first = [...Value.Errors(schema, args[0])][0];
    return {
      ok: false,
      reason: `${method}: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid argument'}`,
    };
  }
  return { ok: true, method: method as M };
}
