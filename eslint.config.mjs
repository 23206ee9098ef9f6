import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Node's built-in modules by their bare names (the `node:` scheme is matched separately). */
const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'module', 'url', 'worker_threads', 'crypto', 'timers', 'stream', 'util', 'events', 'buffer', 'http', 'https', 'net', 'zlib', 'v8', 'perf_hooks', 'readline', 'cluster', 'dns', 'tls', 'vm'];

export default tseslint.config(
  { ignores: ['**/.*', 'node_modules/**', '.next/**', 'next-env.d.ts', 'data-store/**', 'test-results/**', 'playwright-report/**', 'db/migrations/**', 'public/runtime/**'] },
  js.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Function']", message: 'A graph is data: never build functions from strings.' },
        { selector: "CallExpression[callee.name='eval']", message: 'A graph is data: never eval.' },
      ],
    },
  },
  {
    // Short functions and files (docs/STANDARDS: ≤ ~60 lines; the lint limit leaves headroom). Tests, fixtures and
    // generated files are exempt; an exception elsewhere carries an eslint-disable comment with its reason.
    files: ['**/*.{ts,tsx,mjs}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts', '**/*.test-util.ts', '**/test-support/**', '**/testing/**', 'e2e/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The browser never reaches server code or TF.js.
    files: ['app/**/*.{ts,tsx}', 'nodes/**/!(*.build).ts'],
    ignores: ['**/*.test.ts', 'app/api/**', 'nodes/builders.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@tensorflow/*'], message: 'TF.js belongs to the runtime (server/runtime, nodes/*/*.build.ts).' },
        { group: ['**/server/runtime/**', '**/server/jobs/**', '**/db/**', '**/*.build'], message: 'Browser-safe code cannot import server code.' },
      ] }],
    },
  },
  {
    // The runtime core (losses, ops, model, training loop, metrics, units) is isomorphic: it trains in Node and in
    // the visitor's browser (a Web Worker). Node's modules belong to the small Node-only layer: server/runtime/node/
    // (WebGPU through Dawn, WASM paths, model files), backend selection, the process pool and the shared-baseline cache.
    files: ['server/runtime/**/*.ts'],
    ignores: [
      '**/*.test.ts',
      'server/runtime/test-support/**',
      'server/runtime/node/**',
      'server/runtime/backend/select-backend.ts',
      'server/runtime/units/run-units.ts',
      'server/runtime/units/unit-worker.ts',
      // A sweep's shared baselines: a file cache beside the process pool (Node-only, like run-units).
      'server/runtime/units/baseline-cache.ts',
      'server/runtime/units/shared-baselines.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)], message: 'The runtime core is isomorphic: Node modules belong in server/runtime/node/.' },
        { group: ['**/node/*', '!**/node_modules/**'], message: 'The runtime core cannot reach the Node-only layer (server/runtime/node/); pass what it needs in.' },
      ] }],
      'no-restricted-globals': ['error',
        { name: 'Buffer', message: 'Isomorphic core: use Uint8Array.' },
        { name: 'process', message: 'Isomorphic core: read configuration in the Node-only layer and pass it in.' },
        { name: 'require', message: 'Isomorphic core: use import.' },
        { name: '__dirname', message: 'Isomorphic core: no file paths.' },
      ],
    },
  },
);
