import { defineConfig } from 'vitest/config';

/**
 * The test of the lint rule set (tests/lint), run by `npm run lint` right after ESLint itself, on its own. In the
 * main run's parallel pool it came back with no rule applied at all (5 of 9 tests, cause not yet found), while it
 * passes every time alone; until that is understood it runs here, where it still gates `npm test`.
 */
export default defineConfig({
  test: {
    include: ['tests/lint/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
