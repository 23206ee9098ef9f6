import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunTrack } from '../../../formats/run-events';
import { formatPercent } from '../result-view';
import { LOSS_KEYS, accuracyCurves, lossTermKeys, metricSeries, trackColors, trackLabels, trackOrder, type RunViewState } from '../run-view-state';
import { ChartCard, termColors } from './chart-card';

type Rows = Array<Record<string, number>>;

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** One line per track over the epochs of its first seed. */
function TrackChart({ data, tracks, percent }: { data: Rows; tracks: readonly RunTrack[]; percent: boolean }) {
  return (
    <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
      <CartesianGrid stroke="#eef0f3" />
      <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 11 }} label={{ value: 'epoch', position: 'insideBottomRight', offset: -2, fontSize: 11 }} />
      <YAxis domain={percent ? [0, 1] : ['auto', 'auto']} tickFormatter={percent ? pct : undefined} tick={{ fontSize: 11 }} width={44} />
      <Tooltip formatter={(v) => (percent ? formatPercent(Number(v)) : Number(v).toFixed(4))} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {tracks.map((t) => (
        <Line key={t} type="monotone" dataKey={t} name={trackLabels[t]} stroke={trackColors[t]} dot={false} strokeWidth={t === 'method' ? 2.5 : 1.5} isAnimationActive={false} connectNulls />
      ))}
    </LineChart>
  );
}

function MethodTerms({ view }: { view: RunViewState }) {
  const terms = useMemo(() => lossTermKeys(view), [view]);
  const rows = useMemo(() => (view.tracks.method?.points ?? []).map((p) => ({ step: p.step, ...Object.fromEntries(terms.map((k) => [k, p.metrics[k]])) })), [view, terms]);
  if (terms.length <= 1) return null;
  return (
    <ChartCard title="Loss terms of the method" note="Each term of the objective, first seed." empty={rows.length === 0}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#eef0f3" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 11 }} />
        <YAxis tick={{ fontSize: 11 }} width={44} />
        <Tooltip formatter={(v) => Number(v).toFixed(4)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {terms.map((k, i) => (
          <Line key={k} type="monotone" dataKey={k} stroke={termColors[i % termColors.length]} dot={false} isAnimationActive={false} connectNulls />
        ))}
      </LineChart>
    </ChartCard>
  );
}

/**
 * The live curves: validation accuracies and losses per track. Only the first seed of each model is drawn
 * (later seeds repeat the same story and would turn the charts into a tangle).
 */
export function LiveCurves({ view }: { view: RunViewState }) {
  const acc = useMemo(() => accuracyCurves(view), [view]);
  const loss = useMemo(() => metricSeries(view, LOSS_KEYS), [view]);
  const tracks = trackOrder.filter((t) => view.tracks[t]);
  // An unsupervised target has no validation rows: say so instead of waiting for data that never comes.
  const unlabelledTarget = view.domains.some((d) => d.role === 'target' && d.labelled === 0);
  // Say which seed each line is: one seed for all, or each model's first to start.
  const curveSeeds = [...new Set(tracks.map((t) => view.tracks[t]!.curveSeed))];
  const ofSeed = curveSeeds.length === 1 ? (curveSeeds[0] === null ? '' : ` Seed ${curveSeeds[0]} of each model.`) : ' First seed of each model to start.';
  return (
    <>
      <ChartCard
        title="Target validation accuracy"
        note={`Labelled target rows held out from training.${ofSeed}`}
        empty={acc.targetValidation.length === 0}
        emptyText={unlabelledTarget ? 'Not measured: the target has no labelled rows to hold out.' : undefined}
        testId="curve-target-validation"
      >
        <TrackChart data={acc.targetValidation} tracks={tracks} percent />
      </ChartCard>
      <ChartCard title="Source validation accuracy" note={`Source rows held out from training.${ofSeed}`} empty={acc.sourceValidation.length === 0} testId="curve-source-validation">
        <TrackChart data={acc.sourceValidation} tracks={tracks} percent />
      </ChartCard>
      {acc.test.length > 0 && (
        <ChartCard title="Accuracy on the target test split" note={`Drawn because the evaluate node asks for a test curve; no choice is made on it.${ofSeed}`} empty={false} testId="curve-test">
          <TrackChart data={acc.test} tracks={tracks} percent />
        </ChartCard>
      )}
      <ChartCard title="Training loss" note={`Total objective per epoch.${ofSeed}`} empty={loss.length === 0}>
        <TrackChart data={loss} tracks={tracks} percent={false} />
      </ChartCard>
      <MethodTerms view={view} />
    </>
  );
}
