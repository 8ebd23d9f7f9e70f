/**
 * Records how many `expect` assertions each test made, so the summary line can report the total
 * (a refactor that moves tests must not lose assertions).
 */
import { afterEach, expect } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    assertions?: number;
  }
}

afterEach((context) => {
  context.task.meta.assertions = expect.getState().assertionCalls;
});
