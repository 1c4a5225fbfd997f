import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The page's tests (renderer/**/*.test.tsx) pick their DOM with a `@vitest-environment happy-dom` docblock.
    include: ['electron/**/*.test.ts', 'remote/**/*.test.ts', 'tests/unit/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start real servers and databases; keep them in separate processes.
    pool: 'forks',
  },
});
