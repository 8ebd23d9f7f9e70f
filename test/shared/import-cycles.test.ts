/**
 * No source file reaches itself through its imports (type imports included): a cycle means two
 * units that cannot be understood, tested or moved apart. The imports are read with TypeScript's
 * own parser, so comments and strings that look like imports do not count.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const LAYERS = ['src-shared', 'src-main', 'src-renderer', 'src-appliance'];

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Static imports and re-exports only: a lazy `import()` may point back (that is how a bundle is split). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const importedFiles = source.statements
    .filter((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s))
    .map((s) => (s as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier)
    .filter((spec): spec is ts.StringLiteral => !!spec && ts.isStringLiteral(spec))
    .map((spec) => spec.text);
  return importedFiles
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.resolve(path.dirname(file), spec))
    .flatMap((p) =>
      [p.replace(/\.js$/, '.ts'), p.replace(/\.js$/, '.tsx'), p].filter((c) => fs.existsSync(c)).slice(0, 1),
    );
}

/** Every cycle found by a depth-first walk, each as the files along it. */
export function importCycles(files: string[], importsOfFile: (f: string) => string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOfFile(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (file: string, trail: string[]) => {
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), file, next]);
      else if (!state.has(next) && graph.has(next)) visit(next, [...trail, file]);
    }
    state.set(file, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f, []);
  return cycles;
}

describe('import cycles', () => {
  it('the walk finds a cycle when there is one', () => {
    const graph: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: ['a'] };
    expect(importCycles(Object.keys(graph), (f) => graph[f]!)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('no source file imports itself through others', () => {
    const root = process.cwd();
    const files = LAYERS.flatMap((layer) => sourceFiles(path.join(root, layer)));
    expect(files.length).toBeGreaterThan(100);
    const cycles = importCycles(files, importsOf).map((c) => c.map((f) => path.relative(root, f)).join(' → '));
    expect(cycles).toEqual([]);
  }, 60_000); // reads and parses every source file; slow when the machine is busy
});
