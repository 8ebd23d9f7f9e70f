/**
 * `npm run bench [-- name ...]`: runs every bench/*.bench.ts (or the named ones) one after the
 * other, prints each one's table, and writes bench/results/<name>.json. Each benchmark measures
 * its target as a ratio against a baseline measured in the same run, and states its goal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchResult } from './lib/result.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)));

fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
let failedGoals = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n== ${name}`);
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: () => Promise<BenchResult> };
  const result = await mod.default();
  console.table(result.rows);
  for (const goal of result.goals) {
    console.log(`${goal.met ? 'MET ' : 'MISS'}  ${goal.name}: ${goal.value} (goal ${goal.target})`);
    if (!goal.met) failedGoals++;
  }
  fs.writeFileSync(
    path.join(dir, 'results', `${name}.json`),
    JSON.stringify({ name, date: new Date().toISOString(), ...result }, null, 2),
  );
}
console.log(`\n${files.length} benchmarks, ${failedGoals} goals missed`);
