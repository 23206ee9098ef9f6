import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The tests that exercise server/compiler and server/runtime/losses, for `npm run mutation` (Stryker): the
// training tests that also reach them would make every mutant a multi-minute run. (Not mergeConfig: it would
// concatenate the include lists.)
export default defineConfig({
  test: {
    ...base.test,
    include: ['server/compiler/**/*.test.ts', 'server/runtime/losses/**/*.test.ts', 'nodes/**/*.test.ts', 'templates/index.test.ts', 'cli/compile.test.ts'],
  },
});
