'use client';

import type { RunEvent } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';
import { BoundaryPair } from '../[id]/boundary-plot';
import { DistancesPanel } from '../[id]/distances-panel';
import { LiveCurves } from '../[id]/live-curves';
import { LiveProgress } from '../[id]/live-progress';
import { ModelTable } from '../[id]/model-table';
import { ProjectionPair } from '../[id]/projection-pair';
import { ResultSummary } from '../[id]/result-summary';
import { RunDetails } from '../[id]/run-details';
import type { RunViewState } from '../run-view-state';
import { finalResult } from './browser-run-file';

interface Props {
  plan: TrainingPlan;
  view: RunViewState;
  events: readonly RunEvent[];
  status: string;
  error: string | null;
}

/** The run page's panels for a browser run, live (browser-run-view.tsx) or kept (local-run-page.tsx). */
export function BrowserRunPanels({ plan, view, events, status, error }: Props) {
  const result = view.result ?? finalResult(events);
  return (
    <>
      {status === 'failed' && <div className="banner error" style={{ marginBottom: 16 }} data-testid="browser-run-error">The run failed: {error}</div>}
      {result && <ResultSummary result={result} />}
      {result && <div style={{ marginTop: 16 }}><ModelTable result={result} /></div>}
      {!result && Object.keys(view.tracks).length > 0 && <LiveProgress view={view} plan={plan} />}
      {!result && events.length === 0 && status === 'running' && <div className="card empty">Loading TF.js and the data in this browser…</div>}
      <div style={{ marginTop: 16 }}>
        <DistancesPanel result={result} distances={view.distances.length ? view.distances : (result?.distances.inputs ?? [])} classifier={view.distanceClassifier ?? result?.distances.proxyAClassifier.inputs ?? null} />
      </div>
      <div style={{ marginTop: 16 }}><BoundaryPair boundaries={view.boundaries} /></div>
      <div className="run-grid" style={{ marginTop: 16 }}><ProjectionPair projections={view.projections} /></div>
      <div className="run-grid" style={{ marginTop: 16 }}><LiveCurves view={view} /></div>
      <RunDetails view={view} />
    </>
  );
}
