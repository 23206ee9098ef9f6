export {};
/**
 * `npm run bench`: every benchmark of the project, side by side in one run. Figures are ratios and
 * percentiles measured here; absolute times on a shared 2-core machine are noisy.
 * Pass names to run a subset: `npm run bench -- compile dann`.
 */
type Bench = { name: string; run: () => Promise<unknown> };

const benches: Bench[] = [
  { name: 'compile', run: async () => (await import('./compile-bench')).compileBench() },
  { name: 'dann', run: async () => (await import('./dann-step')).dannStepBench() },
  {
    name: 'backends',
    run: async () => {
      const b = await import('./backend-steps');
      const result = await b.backendStepsBench();
      b.printBackendSteps(result);
      return result;
    },
  },
  {
    name: 'methods',
    run: async () => {
      const m = await import('./methods-bench');
      const result = await m.methodsBench();
      m.printMethods(result.rows);
      if (result.transitive) (await import('./transitive-bench')).printTransitive(result.transitive);
      return result;
    },
  },
  { name: 'selection', run: async () => (await import('./selection-bench')).selectionBench(process.argv.slice(3)) },
  { name: 'e2e', run: async () => (await import('./e2e/e2e-bench')).e2eReport(process.argv.slice(3)) },
  { name: 'jobs', run: async () => (await import('./jobs-bench')).jobsBench() },
  { name: 'editor', run: async () => (await import('./editor-bench')).editorBench() },
  { name: 'load', run: async () => (await import('./load-bench')).loadBench() },
];

const wanted = process.argv.slice(2);
let failures = 0;
for (const bench of benches) {
  if (wanted.length && !wanted.includes(bench.name)) continue;
  console.log(`\n## ${bench.name}`);
  const started = performance.now();
  try {
    const result = await bench.run();
    console.log(JSON.stringify(result, null, 2));
  } catch (error) {
    failures++;
    console.error(`bench ${bench.name} failed:`, error instanceof Error ? error.message : error);
  }
  console.log(`(${bench.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(failures ? 1 : 0);
