'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useReducer } from 'react';
import { runEventSchema, type RunEvent } from '../../../formats/run-events';
import { errorMessage } from '../../lib/error-message';
import { useTRPC } from '../../lib/trpc';
import { toRunResult } from '../result-view';
import { initialRunView, reduceRunEvent, type RunViewState } from '../run-view-state';
import { BoundaryPair } from './boundary-plot';
import { DistancesPanel } from './distances-panel';
import { LiveCurves } from './live-curves';
import { LiveProgress } from './live-progress';
import { ModelTable } from './model-table';
import { ProjectionPair } from './projection-pair';
import { ResultSummary } from './result-summary';
import { RunDetails } from './run-details';
import { useDomainData } from './use-domain-data';
import { PredictionsDownload } from './predictions-download';

type Action = { event: RunEvent; id: string | null };

function reducer(s: RunViewState, a: Action): RunViewState {
  // A resumed subscription may resend the last event; skip ids already seen.
  if (a.id !== null && s.lastEventId !== null && Number(a.id) <= Number(s.lastEventId) && /^\d+$/.test(a.id)) return s;
  return reduceRunEvent(s, a.event, a.id);
}

/** Accepts the subscription's payload both as a tracked envelope `{ id, data }` and as a bare event. */
function unwrap(payload: unknown): Action | null {
  const env = payload as { id?: unknown; data?: unknown };
  const candidate = env && typeof env === 'object' && 'data' in env && typeof env.id === 'string' ? env.data : payload;
  const parsed = runEventSchema.safeParse(candidate);
  if (!parsed.success) return null;
  return { event: parsed.data, id: typeof env?.id === 'string' ? env.id : null };
}

const terminal = new Set(['succeeded', 'failed', 'cancelled']);

type HeaderProps = {
  runId: string;
  name: string | undefined;
  graphId: string | null | undefined;
  /** The editor page the run was started from (an unsaved graph lives there as a draft). */
  from: string | null;
  status: string;
  backend: string | null;
  message: string | null;
  liveError: string | null;
  onCancelled: () => void;
};

function RunHeader({ runId, name, graphId, from, status, backend, message, liveError, onCancelled }: HeaderProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: onCancelled }));
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess: (r) => router.push(`/runs/${r.runId}`) }));
  return (
    <div className="page-header">
      <div>
        <div className="subtle small">
          <Link href="/runs">Runs</Link> / {runId}
        </div>
        <h1>{name ?? 'Run'}</h1>
        <div className="row small subtle">
          <span className={`status-pill ${status}`} data-testid="run-status">
            {status}
          </span>
          {backend && (
            <span>
              backend <strong>{backend}</strong>
            </span>
          )}
          {message && <span>{message}</span>}
          {liveError && <span style={{ color: 'var(--danger)' }}>live updates lost: {liveError}</span>}
        </div>
      </div>
      <div className="row">
        {graphId ? (
          <Link className="btn ghost" href={`/editor?graph=${encodeURIComponent(graphId)}`}>
            Open graph
          </Link>
        ) : (
          from && (
            <Link className="btn ghost" href={from} title="The unsaved graph this run was started from (kept in this browser)">
              Back to the graph
            </Link>
          )
        )}
        {!terminal.has(status) && (
          <button className="btn danger" onClick={() => cancel.mutate({ id: runId })} disabled={cancel.isPending}>
            Cancel run
          </button>
        )}
        {terminal.has(status) && status !== 'succeeded' && (
          <button className="btn" onClick={() => retry.mutate({ id: runId })} disabled={retry.isPending}>
            Retry
          </button>
        )}
      </div>
    </div>
  );
}

/** Pictures of what the models learned: decision boundaries (2-D inputs) and feature projections. */
function Pictures({ view }: { view: RunViewState }) {
  return (
    <>
      <div style={{ marginTop: 16 }}>
        <BoundaryPair boundaries={view.boundaries} />
      </div>
      <div className="run-grid" style={{ marginTop: 16 }}>
        <ProjectionPair projections={view.projections} />
      </div>
    </>
  );
}

/** Only links into the editor are followed (the value comes from the URL). */
function editorLink(from: string | null): string | null {
  return from && /^\/editor(\?[^\s]*)?$/.test(from) ? from : null;
}

export function RunView({ runId, from = null }: { runId: string; from?: string | null }) {
  const trpc = useTRPC();
  const run = useQuery({ ...trpc.runs.get.queryOptions({ id: runId }), refetchInterval: (q) => (q.state.data && terminal.has(q.state.data.status) ? false : 3000) });
  const [view, dispatch] = useReducer(reducer, initialRunView);
  const sub = useSubscription(
    trpc.runs.events.subscriptionOptions(
      { runId },
      {
        onData: (payload: unknown) => {
          const a = unwrap(payload);
          if (a) dispatch(a);
        },
      },
    ),
  );
  const status = view.status ?? run.data?.status ?? 'queued';
  // Stored results may predate format 2: lift them as the events' schema does.
  const stored = useMemo(() => toRunResult(run.data?.result), [run.data?.result]);
  const dataOf = useDomainData(run.data?.plan);
  const result = view.result ?? stored;
  const training = !result && Object.keys(view.tracks).length > 0;

  if (run.error) return <div className="page"><div className="banner error">Could not load run {runId}: {errorMessage(run.error)}</div></div>;

  return (
    <div className="page" data-testid="run-view">
      <RunHeader
        runId={runId}
        name={run.data?.graphName}
        graphId={run.data?.graphId}
        from={editorLink(from)}
        status={status}
        backend={view.backend}
        message={view.statusMessage}
        liveError={sub.status === 'error' ? (sub.error?.message ?? 'unknown error') : null}
        onCancelled={() => void run.refetch()}
      />
      {status === 'failed' && <div className="banner error" style={{ marginBottom: 16 }}>The run failed: {view.statusMessage ?? run.data?.error ?? 'see the log below'}</div>}
      {result && <ResultSummary result={result} />}
      {result && (
        <div style={{ marginTop: 16 }}>
          <ModelTable result={result} />
        </div>
      )}
      {view.predictionRows > 0 && <PredictionsDownload runId={runId} rows={view.predictionRows} name={run.data?.graphName} />}
      {training && <LiveProgress view={view} plan={run.data?.plan} />}
      {!result && !training && !terminal.has(status) && (
        <div className="card empty" data-testid="run-waiting">
          {status === 'queued' && run.data?.queuePosition ? `Queued: position ${run.data.queuePosition} in the queue. ` : 'Waiting for a worker… '}
          The first epochs appear here as soon as training starts.
        </div>
      )}
      <div style={{ marginTop: 16 }}>
        <DistancesPanel result={result} distances={view.distances.length ? view.distances : (result?.distances.inputs ?? [])} classifier={view.distanceClassifier ?? result?.distances.proxyAClassifier.inputs ?? null} />
      </div>
      <Pictures view={view} />
      <div className="run-grid" style={{ marginTop: 16 }}>
        <LiveCurves view={view} />
      </div>
      <RunDetails view={view} dataOf={dataOf} />
    </div>
  );
}
