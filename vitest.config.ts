import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // TF.js backends are process-global; files run in separate forks, each file's tests in order.
    pool: 'forks',
  },
});
