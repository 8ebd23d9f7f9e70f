/** What a benchmark returns: a table of measurements and its goals (ratios against a same-run baseline). */
export interface BenchResult {
  rows: Record<string, string | number>[];
  goals: { name: string; value: number; target: string; met: boolean }[];
}
