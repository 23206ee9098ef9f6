'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useReducer } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { runEventSchema, type RunEvent, type RunTrack } from '../../../formats/run-events';
import { errorMessage } from '../../lib/error-message';
import { useTRPC } from '../../lib/trpc';
import {
  LOSS_KEYS,
  TARGET_ACC_KEYS,
  formatGain,
  formatPercent,
  initialRunView,
  isNegativeTransfer,
  lossTermKeys,
  metricSeries,
  reduceRunEvent,
  resultRows,
  trackColors,
  trackLabels,
  type RunViewState,
} from '../run-view-state';

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

export function RunView({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
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
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: () => void run.refetch() }));
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess: (r) => router.push(`/runs/${r.runId}`) }));

  const status = view.status ?? run.data?.status ?? 'queued';
  const result = view.result ?? run.data?.result ?? null;
  const loss = useMemo(() => metricSeries(view, LOSS_KEYS), [view]);
  const acc = useMemo(() => metricSeries(view, TARGET_ACC_KEYS), [view]);
  const terms = useMemo(() => lossTermKeys(view), [view]);
  const methodTerms = useMemo(
    () => (view.tracks.method?.points ?? []).map((p) => ({ step: p.step, ...Object.fromEntries(terms.map((k) => [k, p.metrics[k]])) })),
    [view, terms],
  );
  const tracks = Object.keys(view.tracks) as RunTrack[];

  if (run.error) return <div className="page"><div className="banner error">Could not load run {runId}: {errorMessage(run.error)}</div></div>;

  return (
    <div className="page" data-testid="run-view">
      <div className="page-header">
        <div>
          <div className="subtle small">
            <Link href="/runs">Runs</Link> / {runId}
          </div>
          <h1>{run.data?.graphName ?? 'Run'}</h1>
          <div className="row small subtle">
            <span className={`status-pill ${status}`} data-testid="run-status">
              {status}
            </span>
            {view.backend && (
              <span>
                backend <strong>{view.backend}</strong>
              </span>
            )}
            {view.statusMessage && <span>{view.statusMessage}</span>}
            {sub.status === 'error' && <span style={{ color: 'var(--danger)' }}>live updates lost: {sub.error?.message}</span>}
          </div>
        </div>
        <div className="row">
          {run.data?.graphId && (
            <Link className="btn ghost" href={`/?graph=${encodeURIComponent(run.data.graphId)}`}>
              Open graph
            </Link>
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

      {status === 'failed' && <div className="banner error" style={{ marginBottom: 16 }}>The run failed: {view.statusMessage ?? run.data?.error ?? 'see the log below'}</div>}

      {result && <FinalResult result={result} />}

      {!result && tracks.length > 0 && (
        <div className="card card-pad" style={{ marginBottom: 16 }} data-testid="run-progress">
          <h2>Progress</h2>
          {tracks.map((t) => {
            const tv = view.tracks[t]!;
            return (
              <div key={t} style={{ marginBottom: 10 }}>
                <div className="row small" style={{ marginBottom: 4 }}>
                  <span className="status-dot" style={{ background: trackColors[t] }} />
                  <strong>{trackLabels[t]}</strong>
                  <span className="subtle">{tv.stageName ? `stage ${(tv.stageIndex ?? 0) + 1}: ${tv.stageName}` : 'waiting'}</span>
                  <span className="spacer" />
                  <span className="subtle">{Math.round(tv.progress * 100)}%</span>
                </div>
                <div className="progress">
                  <div style={{ width: `${tv.progress * 100}%`, background: trackColors[t] }} />
                </div>
              </div>
            );
          })}
        </div>
      )}
      {!result && tracks.length === 0 && !terminal.has(status) && <div className="card empty">Waiting for a worker… the first epochs appear here as soon as training starts.</div>}
      {!result && view.distances.length > 0 && (
        <div className="card card-pad" style={{ marginTop: 16 }}>
          <h2>Domain distances before training</h2>
          <p className="subtle small" style={{ marginTop: 0 }}>
            Far-apart domains (large MMD², proxy A-distance near 2) warn of negative transfer before any training.
          </p>
          <DistanceTable distances={view.distances} />
        </div>
      )}

      <div className="run-grid" style={{ marginTop: 16 }}>
        <ChartCard title="Target accuracy" empty={acc.length === 0}>
          <LineChart data={acc} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#eef0f3" />
            <XAxis dataKey="step" tick={{ fontSize: 11 }} label={{ value: 'epoch', position: 'insideBottomRight', offset: -2, fontSize: 11 }} />
            <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} width={44} />
            <Tooltip formatter={(v) => formatPercent(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {tracks.map((t) => (
              <Line key={t} type="monotone" dataKey={t} name={trackLabels[t]} stroke={trackColors[t]} dot={false} strokeWidth={t === 'method' ? 2.5 : 1.5} isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        </ChartCard>
        <ChartCard title="Training loss" empty={loss.length === 0}>
          <LineChart data={loss} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#eef0f3" />
            <XAxis dataKey="step" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} width={44} />
            <Tooltip formatter={(v) => Number(v).toFixed(4)} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {tracks.map((t) => (
              <Line key={t} type="monotone" dataKey={t} name={trackLabels[t]} stroke={trackColors[t]} dot={false} strokeWidth={t === 'method' ? 2.5 : 1.5} isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        </ChartCard>
        {terms.length > 1 && (
          <ChartCard title="Loss terms of the method" empty={methodTerms.length === 0}>
            <LineChart data={methodTerms} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid stroke="#eef0f3" />
              <XAxis dataKey="step" tick={{ fontSize: 11 }} />
              <YAxis tick={{ fontSize: 11 }} width={44} />
              <Tooltip formatter={(v) => Number(v).toFixed(4)} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {terms.map((k, i) => (
                <Line key={k} type="monotone" dataKey={k} stroke={termColors[i % termColors.length]} dot={false} isAnimationActive={false} connectNulls />
              ))}
            </LineChart>
          </ChartCard>
        )}
        {(Object.keys(view.projections) as RunTrack[]).map((t) => (
          <ProjectionCard key={t} title={`Features (PCA) — ${trackLabels[t]}`} points={view.projections[t] ?? []} />
        ))}
      </div>

      <div className="run-grid" style={{ marginTop: 16 }}>
        <div className="card card-pad">
          <h2>Domains</h2>
          {view.domains.length === 0 ? (
            <div className="subtle small">Appears when training starts.</div>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th className="num">Samples</th>
                  <th className="num">Labelled</th>
                  <th className="num">Width</th>
                </tr>
              </thead>
              <tbody>
                {view.domains.map((d) => (
                  <tr key={d.nodeId}>
                    <td>{d.name}</td>
                    <td>{d.role}</td>
                    <td className="num">{d.samples}</td>
                    <td className="num">{d.labelled}</td>
                    <td className="num">{d.width}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="card card-pad">
          <h2>Stages and warnings</h2>
          <div className="event-log">
            {view.stages.map((s, i) => (
              <div key={`s${i}`}>
                <span className="status-dot" style={{ background: trackColors[s.track] }} /> {trackLabels[s.track]} — stage {s.index + 1}: <strong>{s.name}</strong> <span className="subtle">({s.kind})</span>
              </div>
            ))}
            {view.warnings.map((w, i) => (
              <div key={`w${i}`} style={{ color: 'var(--warn)' }}>
                ⚠ {w.message}
                {w.nodeId ? <span className="subtle"> (node {w.nodeId})</span> : null}
              </div>
            ))}
            {view.stages.length === 0 && view.warnings.length === 0 && <div className="subtle">Nothing yet.</div>}
          </div>
        </div>
      </div>
    </div>
  );
}

const termColors = ['#0f172a', '#2563eb', '#dc2626', '#16a34a', '#ea580c', '#9333ea'];

function ChartCard({ title, empty, children }: { title: string; empty: boolean; children: React.ReactElement }) {
  return (
    <div className="card card-pad">
      <h2>{title}</h2>
      {empty ? (
        <div className="empty" style={{ height: 240, padding: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          No data yet
        </div>
      ) : (
        <div style={{ height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}

const domainColors = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#0891b2', '#be123c'];

function ProjectionCard({ title, points }: { title: string; points: ReadonlyArray<{ x: number; y: number; domain: string; label: number }> }) {
  const byDomain = useMemo(() => {
    const m = new Map<string, Array<{ x: number; y: number; label: number }>>();
    for (const p of points) {
      const list = m.get(p.domain) ?? [];
      list.push({ x: p.x, y: p.y, label: p.label });
      m.set(p.domain, list);
    }
    return [...m.entries()];
  }, [points]);
  return (
    <ChartCard title={title} empty={points.length === 0}>
      <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#eef0f3" />
        <XAxis type="number" dataKey="x" name="PC1" tick={{ fontSize: 11 }} tickFormatter={(v: number) => v.toFixed(1)} />
        <YAxis type="number" dataKey="y" name="PC2" tick={{ fontSize: 11 }} width={44} tickFormatter={(v: number) => v.toFixed(1)} />
        <ZAxis range={[18, 18]} />
        <Tooltip cursor={{ strokeDasharray: '3 3' }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {byDomain.map(([domain, pts], i) => (
          <Scatter key={domain} name={domain} data={pts} fill={domainColors[i % domainColors.length]} fillOpacity={0.6} isAnimationActive={false} />
        ))}
      </ScatterChart>
    </ChartCard>
  );
}

function FinalResult({ result }: { result: NonNullable<RunViewState['result']> }) {
  const negative = isNegativeTransfer(result);
  const rows = resultRows(result);
  return (
    <div style={{ display: 'grid', gap: 16 }} data-testid="final-result">
      {negative ? (
        <div className="negative-transfer" role="alert" data-testid="negative-transfer">
          ⚠ NEGATIVE TRANSFER — the adapted model is worse on the target than the same model trained without adaptation (gain {formatGain(result.gain)}). The source is hurting; try a smaller λ, another
          intermediate domain, or the target-only model.
        </div>
      ) : (
        <div className="positive-transfer">
          Transfer gain <span data-testid="gain">{formatGain(result.gain)}</span> over source-only on the held-out target.
        </div>
      )}
      <div className="card card-pad">
        <div className="row" style={{ alignItems: 'flex-start', gap: 32, marginBottom: 12 }}>
          <div>
            <div className="subtle small">Target accuracy (method)</div>
            <div className="metric-big">{formatPercent(result.method.accuracy)}</div>
          </div>
          <div>
            <div className="subtle small">Gain over source-only</div>
            <div className="metric-big" style={{ color: negative ? 'var(--danger)' : 'var(--ok)' }} data-testid="gain-big">
              {formatGain(result.gain)}
            </div>
          </div>
          <div>
            <div className="subtle small">Backend</div>
            <div className="metric-big" style={{ fontSize: 20 }} data-testid="result-backend">
              {result.backend}
            </div>
          </div>
          <div>
            <div className="subtle small">Time</div>
            <div className="metric-big" style={{ fontSize: 20 }}>
              {(result.durationMs / 1000).toFixed(1)} s
            </div>
          </div>
        </div>
        <table className="data" data-testid="result-table">
          <thead>
            <tr>
              <th>Model</th>
              <th className="num">Target accuracy</th>
              <th className="num">Macro F1</th>
              <th className="num">Method − this</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.track} className={r.track === 'method' ? 'highlight' : undefined}>
                <td>
                  <span className="status-dot" style={{ background: trackColors[r.track], marginRight: 8 }} />
                  {trackLabels[r.track]}
                </td>
                <td className="num">{formatPercent(r.accuracy)}</td>
                <td className="num">{formatPercent(r.macroF1)}</td>
                <td className="num" style={{ color: r.delta === null ? undefined : r.delta < 0 ? 'var(--danger)' : 'var(--ok)' }}>
                  {r.delta === null ? '' : formatGain(r.delta)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.domainDistances.length > 0 && (
          <>
            <h3 style={{ marginTop: 18 }}>Domain distances</h3>
            <DistanceTable distances={result.domainDistances} />
          </>
        )}
      </div>
    </div>
  );
}

function DistanceTable({ distances }: { distances: RunViewState['distances'] }) {
  return (
    <table className="data" data-testid="distance-table">
      <thead>
        <tr>
          <th>Between</th>
          <th className="num">MMD²</th>
          <th className="num">Proxy A-distance</th>
        </tr>
      </thead>
      <tbody>
        {distances.map((d, i) => (
          <tr key={i}>
            <td>
              {d.a} ↔ {d.b}
            </td>
            <td className="num">{d.mmd === undefined ? '—' : d.mmd.toFixed(4)}</td>
            <td className="num">{d.proxyA === undefined ? '—' : d.proxyA.toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
