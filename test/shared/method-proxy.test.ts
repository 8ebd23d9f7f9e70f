/**
 * `proxyMethods` / `callMethod`: the one way the bridges build an object of methods from a method
 * list and call a method named at run time.
 */
import { describe, expect, it } from 'vitest';
import { callMethod, proxyMethods } from '../../src-shared/method-proxy.js';

interface Greeter {
  hello(name: string): Promise<string>;
  bye(): Promise<void>;
}

describe('proxyMethods', () => {
  it('builds exactly the listed methods, each forwarding its name and arguments', async () => {
    const calls: [string, unknown[]][] = [];
    const g = proxyMethods<Greeter>(['hello', 'bye'], async (method, args) => {
      calls.push([method, args]);
      return method === 'hello' ? `hi ${String(args[0])}` : undefined;
    });
    expect(Object.keys(g).sort()).toEqual(['bye', 'hello']);
    expect(await g.hello('ada')).toBe('hi ada');
    await g.bye();
    expect(calls).toEqual([
      ['hello', ['ada']],
      ['bye', []],
    ]);
  });

  it('callMethod calls the named method on its object (this kept) and refuses a non-method', () => {
    const target = {
      n: 2,
      times(x: number) {
        return this.n * x;
      },
      label: 'x',
    };
    expect(callMethod(target, 'times', [21])).toBe(42);
    expect(() => callMethod(target, 'label', [])).toThrow(TypeError);
  });
});
