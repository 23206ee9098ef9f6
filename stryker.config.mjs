// Mutation testing of the compiler and the loss functions: `npm run mutation` (not part of `npm test`; slow).
// Concurrency stays low: the machine is shared.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: ['server/compiler/**/*.ts', 'server/runtime/losses/**/*.ts', '!**/*.test.ts', '!server/compiler/test-support.ts'],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) would each re-run every test: skipped.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['node_modules', '.next', 'data-store', 'test-results', 'test-reports', 'playwright-report', 'reports', 'artifacts'],
};
