/**
 * The layering rules of eslint.config.js, proven on small sources linted as if they lived in each
 * layer. `npm test` also lints the whole tree, so a real violation fails the run.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => /no-restricted-(imports|globals|syntax)/.test(m.ruleId ?? ''))
    .map((m) => m.message);
}

describe('layering lint rule', () => {
  it('src-shared imports no Node, DOM or Electron, and no other layer', async () => {
    expect(await layeringErrors('src-shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(
      1,
    );
    expect(await layeringErrors('src-shared/x.ts', "import fs from 'fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(
      await layeringErrors('src-shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toHaveLength(1);
    expect(await layeringErrors('src-shared/x.ts', 'export const a = document.title;\n')).toHaveLength(1);
    expect(
      await layeringErrors('src-shared/x.ts', "import { a } from '../src-main/y.js';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(
      await layeringErrors('src-shared/x.ts', "import { ApiError } from './errors.js';\nexport const b = ApiError;\n"),
    ).toHaveLength(0);
  });

  it('each runtime layer imports only src-shared and itself', async () => {
    for (const [layer, other] of [
      ['src-main', 'src-appliance'],
      ['src-renderer', 'src-main'],
      ['src-appliance', 'src-renderer'],
    ] as const) {
      expect(
        await layeringErrors(`${layer}/a/x.ts`, `import { y } from '../../${other}/y.js';\nexport const z = y;\n`),
      ).toHaveLength(1);
      expect(
        await layeringErrors(
          `${layer}/a/x.ts`,
          "import { ApiError } from '../../src-shared/api-error.js';\nexport const z = ApiError;\n",
        ),
      ).toHaveLength(0);
      expect(
        await layeringErrors(`${layer}/a/x.ts`, "import { y } from './y.js';\nexport const z = y;\n"),
      ).toHaveLength(0);
    }
  });

  it('only src-main/electron/ imports electron, and tests never do', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await layeringErrors('src-main/electron/main.ts', code)).toHaveLength(0);
    expect(await layeringErrors('src-main/ipc/handlers.ts', code)).toHaveLength(1);
    expect(await layeringErrors('src-appliance/x.ts', code)).toHaveLength(1);
    expect(await layeringErrors('test/main/x.test.ts', code)).toHaveLength(1);
    expect(
      await layeringErrors(
        'src-main/ipc/handlers.ts',
        "import type { IpcMain } from 'electron';\nexport type A = IpcMain;\n",
      ),
    ).toHaveLength(0);
  });

  it('the renderer imports no Node module', async () => {
    expect(await layeringErrors('src-renderer/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(
      1,
    );
  });

  it('the renderer takes ApiError from api-error.ts, never from errors.ts (the TypeBox schemas)', async () => {
    const from = (module: string) =>
      `import { ApiError } from '../../src-shared/${module}';\nexport const a = ApiError;\n`;
    expect(await layeringErrors('src-renderer/stores/x.ts', from('errors.js'))).toHaveLength(1);
    expect(await layeringErrors('src-renderer/stores/x.ts', from('api-error.js'))).toHaveLength(0);
    expect(await layeringErrors('src-main/ipc/x.ts', from('errors.js'))).toHaveLength(0);
  });

  it('in the appliance only repositories, table types and db/ run queries or import Kysely and the drivers', async () => {
    const query = "export const f = (ctx) => ctx.db.selectFrom('users').selectAll().execute();\n";
    const write = "export const f = (ctx) => ctx.db.updateTable('users').set({ enabled: 0 }).execute();\n";
    const trx = 'export const f = (ctx) => ctx.db.transaction().execute(async () => {});\n';
    expect(await layeringErrors('src-appliance/account/routes.ts', query)).toHaveLength(1);
    expect(await layeringErrors('src-appliance/admin/user-routes.ts', write)).toHaveLength(1);
    expect(await layeringErrors('src-appliance/photo/photo-store.ts', trx)).toHaveLength(1);
    for (const driver of ['kysely', 'better-sqlite3', 'pg'])
      expect(
        await layeringErrors('src-appliance/auth/login.ts', `import x from '${driver}';\nexport const a = x;\n`),
      ).toHaveLength(1);
    expect(await layeringErrors('src-appliance/users/user-repository.ts', query)).toHaveLength(0);
    expect(await layeringErrors('src-appliance/db/transaction.ts', trx)).toHaveLength(0);
    expect(
      await layeringErrors(
        'src-appliance/mail/tables.ts',
        "import { type Generated } from 'kysely';\nexport type G = Generated<number>;\n",
      ),
    ).toHaveLength(0);
  });
});
