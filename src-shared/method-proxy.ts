/**
 * One way to build an object of methods from a method list, for the three places that forward a
 * whole interface: the preload bridge (each method an IPC call), the renderer's `hostFromBridge`
 * (each method unwraps an envelope) and main's console session (each method wraps the HTTP call).
 * Modelled on VS Code's `ProxyChannel.toService`: the list says which names exist, one function
 * says what a call does. The list is typed against the interface, so a misspelt or missing name
 * is a compile error; the one cast from the per-name functions to the interface lives here.
 */

export type MethodName<T> = keyof T & string;

/** `{[m]: (...args) => forward(m, args)}` for every name in `methods`, typed as `T`. */
export function proxyMethods<T extends object>(
  methods: readonly MethodName<T>[],
  forward: (method: MethodName<T>, args: unknown[]) => unknown,
): T {
  const out: Record<string, (...args: unknown[]) => unknown> = {};
  for (const method of methods) out[method] = (...args: unknown[]) => forward(method, args);
  return out as T;
}

/**
 * Calls `target[method](...args)` for a method name only known at run time (checked arguments from
 * IPC, a forwarded call): the other half of `proxyMethods`.
 */
export function callMethod<T extends object>(target: T, method: MethodName<T>, args: unknown[]): unknown {
  const fn = target[method];
  if (typeof fn !== 'function') throw new TypeError(`${method} is not a method`);
  return (fn as (...a: unknown[]) => unknown).apply(target, args);
}
