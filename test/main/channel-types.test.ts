/**
 * "Channel names are derived from the ConsoleApi keys; a typo must fail to compile": compiles small
 * files against the real src-shared/src-main types with the TypeScript compiler and checks that
 * misspelt channels, bridge methods and wrongly typed Electron stand-ins are compile errors while
 * the correct forms compile.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// Inside the checkout (git-ignored .tmp/) so bare imports like 'electron' resolve from node_modules.
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
const dir = fs.mkdtempSync(path.join(root, '.tmp', 'channel-types-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const imp = (rel: string) => JSON.stringify(path.join(root, rel));

function compile(name: string, body: string): string {
  const file = path.join(dir, `${name}.ts`);
  fs.writeFileSync(file, body);
  try {
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/typescript/bin/tsc'),
        '--ignoreConfig',
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2023',
        '--module',
        'esnext',
        '--moduleResolution',
        'bundler',
        '--types',
        'node',
        '--typeRoots',
        path.join(root, 'node_modules/@types'),
        file,
      ],
      { cwd: root, stdio: 'pipe' },
    );
    return '';
  } catch (err) {
    return String((err as { stdout?: Buffer }).stdout ?? err);
  }
}

describe('compile-time safety of the IPC contract', () => {
  it('correct channel, bridge and ipc stand-ins compile', () => {
    const out = compile(
      'ok',
      `
      import { consoleChannel, type ConsoleChannel } from ${imp('src-shared/console-api.js')};
      import { type ConsoleBridge } from ${imp('src-shared/console-bridge.js')};
      import { type AsyncEncryptor } from ${imp('src-main/storage/secret-store.js')};
      import { safeStorage } from 'electron';
      const c: ConsoleChannel = consoleChannel('getAccount');
      declare const b: ConsoleBridge;
      void b.getAccount();
      const e: AsyncEncryptor = safeStorage;
      export { c, e };
    `,
    );
    expect(out).toBe('');
  }, 120_000);

  it('a misspelt method, channel or bridge call does not compile', () => {
    const out = compile(
      'typos',
      `
      import { consoleChannel, type ConsoleChannel } from ${imp('src-shared/console-api.js')};
      import { type ConsoleBridge } from ${imp('src-shared/console-bridge.js')};
      export const a = consoleChannel('getAcount');
      export const b: ConsoleChannel = 'console:getAcount';
      declare const bridge: ConsoleBridge;
      void bridge.getAcount();
      void bridge.login({ username: 'a' });
    `,
    );
    expect(out).toMatch(/typos\.ts\(4,\d+\): error TS2345/);
    expect(out).toMatch(/typos\.ts\(5,\d+\): error TS2820: .*Did you mean '"console:getAccount"'/);
    expect(out).toMatch(
      /typos\.ts\(7,\d+\): error TS2551: Property 'getAcount' does not exist on type 'ConsoleBridge'/,
    );
    expect(out).toMatch(/typos\.ts\(8,\d+\): error TS2345/);
  }, 120_000);

  it('a method list that names a method the interface lacks does not compile (proxyMethods, site bridge)', () => {
    const out = compile(
      'proxy-typos',
      `
      import { type ConsoleApi } from ${imp('src-shared/console-api.js')};
      import { type SiteBridge } from ${imp('src-shared/console-bridge.js')};
      import { proxyMethods } from ${imp('src-shared/method-proxy.js')};
      export const a = proxyMethods<ConsoleApi>(['getAccount', 'getAcount'], () => null);
      declare const site: SiteBridge;
      void site.sett('https://x.example.com');
    `,
    );
    expect(out).toMatch(
      /proxy-typos\.ts\(5,\d+\): error TS2820: Type '"getAcount"' is not assignable to type 'MethodName<ConsoleApi>'/,
    );
    expect(out).toMatch(/proxy-typos\.ts\(7,\d+\): error TS2551: Property 'sett' does not exist on type/);
  }, 120_000);
});
