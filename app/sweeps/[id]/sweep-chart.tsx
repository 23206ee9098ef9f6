'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { validatorInfo, validatorNames } from '../../../formats/validators';
import { ChartCard, termColors } from '../../runs/[id]/chart-card';
import type { SweepData } from './sweep-table';

const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

/** One swept parameter: test accuracy and each validator (scaled 0…1 over the members) along its values. */
function SweepLine({ sweep }: { sweep: SweepData }) {
  const axis = sweep.axes[0]!;
  const rows = sweep.summary.members;
  const scaled = (name: (typeof validatorNames)[number]) => {
    const vs = rows.map((r) => r.validators[name]).filter((v): v is number => v !== undefined);
    const [lo, hi] = [Math.min(...vs), Math.max(...vs)];
    return (v: number | undefined) => (v === undefined ? undefined : hi > lo ? (validatorInfo[name].higherIsBetter ? v - lo : hi - v) / (hi - lo) : 0.5);
  };
  const scales = Object.fromEntries(validatorNames.map((n) => [n, scaled(n)]));
  const data = rows.map((r) => ({ x: String(r.values[axis.key]), test: r.test?.accuracy.mean, ...Object.fromEntries(validatorNames.map((n) => [n, scales[n]!(r.validators[n])])) }));
  return (
    <ChartCard title={`Along ${axis.key}`} note="Test accuracy (target test split) and each validator rescaled to 0…1 over the members, better up" empty={rows.every((r) => !r.test)} testId="sweep-line">
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="x" />
        <YAxis domain={[0, 1]} />
        <Tooltip />
        <Legend />
        <Line dataKey="test" name="test accuracy" stroke={termColors[0]} strokeWidth={2} isAnimationActive={false} />
        {validatorNames.map((n, i) => (
          <Line key={n} dataKey={n} name={validatorInfo[n].label} stroke={termColors[i + 1]} strokeDasharray="4 3" isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartCard>
  );
}

/** Two swept parameters: test accuracy of each combination as a coloured grid (rows: the first axis). */
function SweepHeatMap({ sweep }: { sweep: SweepData }) {
  const [a, b] = sweep.axes as [SweepData['axes'][number], SweepData['axes'][number]];
  const cell = (va: unknown, vb: unknown) => sweep.summary.members.find((m) => m.values[a.key] === va && m.values[b.key] === vb);
  const accs = sweep.summary.members.flatMap((m) => (m.test ? [m.test.accuracy.mean] : []));
  const [lo, hi] = [Math.min(...accs), Math.max(...accs)];
  const colour = (v: number | undefined) => (v === undefined ? 'transparent' : `rgba(22, 163, 74, ${0.12 + 0.75 * (hi > lo ? (v - lo) / (hi - lo) : 0.5)})`);
  return (
    <div className="card card-pad" data-testid="sweep-heatmap">
      <h2>Test accuracy over {a.key} × {b.key}</h2>
      <p className="subtle small">Target test split (for teaching: a real target has no labels). Darker is better; badges mark each validator’s pick.</p>
      <table className="sweep-table">
        <thead>
          <tr>
            <th>{a.key} ↓ / {b.key} →</th>
            {b.values.map((v) => <th key={String(v)}>{String(v)}</th>)}
          </tr>
        </thead>
        <tbody>
          {a.values.map((va) => (
            <tr key={String(va)}>
              <td>{String(va)}</td>
              {b.values.map((vb) => {
                const m = cell(va, vb);
                const picks = validatorNames.filter((n) => m && sweep.summary.picks[n] === m.index);
                return (
                  <td key={String(vb)} style={{ background: colour(m?.test?.accuracy.mean) }}>
                    {pct(m?.test?.accuracy.mean)}
                    {picks.map((n) => <span key={n} className="sweep-pick">{validatorInfo[n].label}</span>)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SweepChart({ sweep }: { sweep: SweepData }) {
  if (sweep.axes.length === 1) return <SweepLine sweep={sweep} />;
  if (sweep.axes.length === 2) return <SweepHeatMap sweep={sweep} />;
  return null;
}
