import { pathToFileURL } from 'node:url';
import { compileGraph } from '../server/compiler/compile-graph';
import { describePlan } from '../server/compiler/describe-plan';
import { fileIssue, loadGraphFile, reportFailure, type CliIo } from './graph-input';

export type { CliIo } from './graph-input';

const usage = 'usage: npm run compile -- <graph.json> [--json]';

/** `compile <graph.json> [--json]`: prints the plan or every error; returns the exit code (0 plan, 1 errors). */
export async function runCompileCli(args: readonly string[], io: CliIo): Promise<number> {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length !== 1 || files[0]!.startsWith('-')) {
    io.err(usage);
    return 2;
  }
  const file = files[0]!;
  const loaded = await loadGraphFile(file);
  if (typeof loaded === 'string') {
    reportFailure(file, json, io, [fileIssue(loaded)]);
    return 1;
  }
  const result = compileGraph(loaded.value);
  if (json) io.out(JSON.stringify(result, null, 2));
  else if (!result.ok) reportFailure(file, json, io, result.errors, result.warnings);
  else io.out(describePlan(result.plan, result.warnings));
  return result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await runCompileCli(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) });
  process.exitCode = code;
}
