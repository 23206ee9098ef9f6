/**
 * Process-wide time counters of the training loop, for benchmarks (bench/e2e): time inside optimiser steps and
 * time reporting (evaluation, the loss read-back, events, checkpoints). Two performance.now() calls per step
 * and per report cost nothing measurable.
 */
const counters = { stepMs: 0, steps: 0, reportMs: 0, reports: 0 };

export const stageClock = {
  addSteps(ms: number, steps: number): void {
    counters.stepMs += ms;
    counters.steps += steps;
  },
  addReport(ms: number): void {
    counters.reportMs += ms;
    counters.reports++;
  },
  reset(): void {
    Object.assign(counters, { stepMs: 0, steps: 0, reportMs: 0, reports: 0 });
  },
  snapshot(): Readonly<typeof counters> {
    return { ...counters };
  },
};
