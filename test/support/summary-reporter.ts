/**
 * Prints one plain closing line after Vitest's own summary — `Tests: N passed, N failed, N skipped`
 * — the form CI reads in any language. Skipped tests are counted apart, never as passed.
 */
import { type Reporter, type TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    let assertions = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        assertions += test.meta().assertions ?? 0;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') count.failed++;
        else count.skipped++;
      }
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) count.failed++;
    }
    console.log(
      `\nTests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped; ${assertions} assertions`,
    );
  }
}
