import { z } from 'zod';
import { runEventSchema, type RunEvent } from './run-events';
import { trainingPlanSchema } from './training-plan';

/** Events a browser run may bring to the server ("Save to server"); a run of the shipped templates sends a few hundred. */
export const MAX_BROWSER_RUN_EVENTS = 20_000;

/** What the run's own events say it trained on, and where its result is: both must be a browser backend's. */
function checkBrowserEvents(events: readonly RunEvent[], ctx: z.RefinementCtx): void {
  const started = events.filter((e) => e.type === 'started');
  const finals = events.filter((e) => e.type === 'final');
  if (events.some((e) => e.type === 'status')) ctx.addIssue({ code: 'custom', path: ['events'], message: 'status events are written by the server, not sent by a browser run' });
  if (started.length !== 1) ctx.addIssue({ code: 'custom', path: ['events'], message: `a finished run has exactly one "started" event (found ${started.length})` });
  if (finals.length !== 1) ctx.addIssue({ code: 'custom', path: ['events'], message: `a finished run has exactly one "final" event with its result (found ${finals.length})` });
  const backend = started[0]?.type === 'started' ? started[0].backend : undefined;
  const result = finals[0]?.type === 'final' ? finals[0].result : undefined;
  if (backend && !backend.startsWith('browser-')) ctx.addIssue({ code: 'custom', path: ['events'], message: `backend "${backend}" is not a browser backend` });
  if (backend && result && result.backend !== backend) ctx.addIssue({ code: 'custom', path: ['events'], message: `the result says backend "${result.backend}", the started event "${backend}"` });
}

/**
 * A run trained in the visitor's browser, saved to the server afterwards: its plan and every event it emitted
 * (the same events a server run stores, so the run page replays it like any other). Validated whole before
 * anything is written.
 */
export const browserRunSchema = z
  .object({
    plan: trainingPlanSchema,
    graphId: z.string().min(1).max(100).nullish(),
    graphVersion: z.number().int().min(1).nullish(),
    events: z.array(runEventSchema).min(2).max(MAX_BROWSER_RUN_EVENTS),
  })
  .superRefine((v, ctx) => checkBrowserEvents(v.events, ctx));

export type BrowserRun = z.infer<typeof browserRunSchema>;
