// @ts-check
/**
 * Lint configuration. Besides the usual TypeScript rules it enforces the layering
 * (docs/architecture.md, the diagram at the top):
 *   - src-shared imports no runtime: no Node built-ins, no DOM globals, no Electron, no other layer;
 *   - src-main, src-renderer and src-appliance import only src-shared and themselves;
 *   - the renderer takes ApiError and the codes from src-shared/api-error.ts, not errors.ts (TypeBox);
 *   - only src-main/electron/ imports `electron` (tests never do: they mock at that boundary);
 *   - in src-appliance, only repositories, table types and db/ touch Kysely or a database driver.
 * The layering rules are `no-restricted-imports` patterns so a violation names the rule it breaks.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const LAYERS = ['src-shared', 'src-main', 'src-renderer', 'src-appliance'];
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Import patterns that reach into another layer's folder. */
const otherLayers = (self) =>
  LAYERS.filter((l) => l !== self && l !== 'src-shared').map((l) => ({
    group: [`**/${l}/**`, `**/${l}`],
    message: `Layering: ${self} may import only src-shared and itself, not ${l}.`,
  }));

const REPOSITORY_ONLY =
  "Data access: queries live in the feature's repository (<feature>/<table-group>-repository.ts); call it instead.";
/** Kysely's ways to start a query or a transaction. */
const QUERY_STARTS = [
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'transaction',
];

const electronBan = {
  name: 'electron',
  message: 'Layering: only src-main/electron/ imports electron; pass what you need in as a dependency.',
  allowTypeImports: true,
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-output/**', 'bench/results/**', '**/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
  {
    files: ['src-shared/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Layering: src-shared imports no runtime (Electron).' },
            ...nodeBuiltins.map((name) => ({ name, message: 'Layering: src-shared imports no runtime (Node).' })),
          ],
          patterns: [
            ...LAYERS.filter((l) => l !== 'src-shared').map((l) => ({
              group: [`**/${l}/**`, `**/${l}`],
              message: `Layering: src-shared imports no other layer (${l}).`,
            })),
            {
              group: ['react', 'react-dom', 'react-dom/*', 'fastify', 'ws', 'better-sqlite3'],
              message: 'Layering: src-shared imports no runtime.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'process',
        'Buffer',
        'require',
        '__dirname',
      ],
    },
  },
  ...['src-main', 'src-appliance'].map((layer) => ({
    files: [`${layer}/**`],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan], patterns: otherLayers(layer) }] },
  })),
  {
    // Data access (docs/parts/data-layer.md): every query lives in its feature's repository.
    files: ['src-appliance/**'],
    ignores: [
      'src-appliance/db/**',
      'src-appliance/**/*-repository.ts',
      'src-appliance/**/tables.ts',
      'src-appliance/users/lock-counter.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronBan,
            ...['kysely', 'better-sqlite3', 'pg'].map((name) => ({ name, message: REPOSITORY_ONLY })),
          ],
          patterns: otherLayers('src-appliance'),
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: `MemberExpression[property.name=/^(${QUERY_STARTS.join('|')})$/]`,
          message: REPOSITORY_ONLY,
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronBan,
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs sandboxed: no Node modules.' })),
          ],
          patterns: [
            ...otherLayers('src-renderer'),
            {
              group: ['**/src-shared/errors.js'],
              message:
                'The renderer imports ApiError and the error codes from src-shared/api-error.js: errors.ts builds the TypeBox schemas, which would put TypeBox in the start chunk.',
            },
          ],
        },
      ],
    },
  },
  {
    // The one folder allowed to touch Electron.
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: otherLayers('src-main') }] },
  },
  {
    files: ['test/**', 'bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ ...electronBan, message: 'Tests never load electron: mock at the boundary.' }] },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
