import type { RunEvent, RunResult } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';

/** The export of a run trained in this browser: its plan and every event, as the server would have stored them. */
export const BROWSER_RUN_FILE_FORMAT = 'stepstone.browser-run' as const;
export const BROWSER_RUN_FILE_VERSION = 1 as const;

export interface BrowserRunFile {
  readonly format: typeof BROWSER_RUN_FILE_FORMAT;
  readonly version: typeof BROWSER_RUN_FILE_VERSION;
  readonly plan: TrainingPlan;
  /** The backend the run trained on ('browser-webgpu' …), null before the worker picked one. */
  readonly backend: string | null;
  readonly finished: boolean;
  readonly events: readonly RunEvent[];
}

export function browserRunFile(plan: TrainingPlan, events: readonly RunEvent[]): BrowserRunFile {
  const started = events.find((e) => e.type === 'started');
  return {
    format: BROWSER_RUN_FILE_FORMAT,
    version: BROWSER_RUN_FILE_VERSION,
    plan,
    backend: started?.type === 'started' ? started.backend : null,
    finished: events.some((e) => e.type === 'final'),
    events,
  };
}

/** The final result among the events, when the run finished. */
export function finalResult(events: readonly RunEvent[]): RunResult | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'final') return e.result;
  }
  return null;
}

/**
 * The loss the method's first seed reported at each of its first `n` reports, in order: what the parity checks
 * compare between a browser run and a server run of the same plan and seed.
 */
export function firstLosses(events: readonly RunEvent[], n: number, key = 'classification'): number[] {
  const out: number[] = [];
  let seed: number | undefined;
  for (const e of events) {
    if (e.type !== 'epoch' || e.track !== 'method') continue;
    seed ??= e.seed;
    if (e.seed !== seed || e.metrics[key] === undefined) continue;
    out.push(e.metrics[key]);
    if (out.length >= n) break;
  }
  return out;
}

/** Saves the run as `<name>.browser-run.json` through the browser (nothing is sent anywhere). */
export function downloadBrowserRun(file: BrowserRunFile): void {
  const blob = new Blob([`${JSON.stringify(file)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${file.plan.graphName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'run'}.browser-run.json`;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
