import { readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { limits } from '../formats/limits';
import { compileGraph } from '../server/compiler/compile-graph';
import { describeErrors, describePlan } from '../server/compiler/describe-plan';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

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
  const loaded = await load(file);
  if (typeof loaded === 'string') {
    if (json) io.out(JSON.stringify({ ok: false, errors: [{ code: 'file', severity: 'error', message: loaded, hint: 'Pass a graph JSON file.' }], warnings: [], shapes: {} }, null, 2));
    else io.err(`${file}: ${loaded}`);
    return 1;
  }
  const result = compileGraph(loaded.value);
  if (json) io.out(JSON.stringify(result, null, 2));
  else if (result.ok) io.out(describePlan(result.plan, result.warnings));
  else io.err(`${file}: ${describeErrors(result.errors, result.warnings)}`);
  return result.ok ? 0 : 1;
}

async function load(file: string): Promise<{ value: unknown } | string> {
  try {
    const info = await stat(file);
    if (info.size > limits.maxGraphBytes) return `the file is ${info.size} bytes; a graph may be at most ${limits.maxGraphBytes}`;
    return { value: JSON.parse(await readFile(file, 'utf8')) as unknown };
  } catch (error) {
    return error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot read it: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await runCompileCli(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) });
  process.exitCode = code;
}
