import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.stryker-tmp/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // TF.js backends are process-global; files run in separate forks, each file's tests in order.
    pool: 'forks',
    // Vitest already runs test files side by side on every core: a run's models train in this thread unless a
    // test asks for workers (run-units.test.ts).
    env: { STEPSTONE_MODEL_WORKERS: '1' },
  },
});
