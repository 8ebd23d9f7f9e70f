/**
 * Loads TypeBox before the renderer tests, as a browser that has the lazy chunks cached would have
 * it. TypeBox is not in the start chunk (test/renderer/start-chunk.test.ts), so screens reach it
 * through lazy imports (the second step's check, My Account); in Node its first import reads some
 * six hundred files, about a second on a busy machine, which is longer than testing-library waits
 * for the screen that follows.
 */
import 'typebox';
import 'typebox/value';
