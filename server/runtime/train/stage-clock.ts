/**
 * Process-wide time counters of the training loop, for benchmarks (bench/e2e): time inside optimiser steps and
 * time reporting (evaluation, the loss read-back, events, checkpoints). Two performance.now() calls per step
 * and per report cost nothing measurable.
 */
const counters = { stepMs: 0, steps: 0, reportMs: 0, reports: 0, syncMs: 0, evaluationMs: 0, eventsMs: 0 };

/** Where a report's time goes: reading losses and weights back, validation passes, events and checkpoints. */
export interface ReportParts {
  readonly syncMs: number;
  readonly evaluationMs: number;
  readonly eventsMs: number;
}

export const stageClock = {
  addSteps(ms: number, steps: number): void {
    counters.stepMs += ms;
    counters.steps += steps;
  },
  addReport(parts: ReportParts): void {
    counters.reportMs += parts.syncMs + parts.evaluationMs + parts.eventsMs;
    counters.syncMs += parts.syncMs;
    counters.evaluationMs += parts.evaluationMs;
    counters.eventsMs += parts.eventsMs;
    counters.reports++;
  },
  reset(): void {
    for (const k of Object.keys(counters) as (keyof typeof counters)[]) counters[k] = 0;
  },
  snapshot(): Readonly<typeof counters> {
    return { ...counters };
  },
};
