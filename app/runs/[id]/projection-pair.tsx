import { useMemo } from 'react';
import { CartesianGrid, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { RunTrack } from '../../../formats/run-events';
import { sharedExtent } from '../result-view';
import { trackLabels, type ProjectionPoints } from '../run-view-state';
import { ChartCard, domainColors } from './chart-card';

type Extent = NonNullable<ReturnType<typeof sharedExtent>>;

function byDomain(points: ProjectionPoints): Map<string, Array<{ x: number; y: number; label: number }>> {
  const m = new Map<string, Array<{ x: number; y: number; label: number }>>();
  for (const p of points) {
    const list = m.get(p.domain) ?? [];
    list.push({ x: p.x, y: p.y, label: p.label });
    m.set(p.domain, list);
  }
  return m;
}

function ProjectionChart({ track, points, extent, colorOf }: { track: RunTrack; points: ProjectionPoints; extent: Extent; colorOf: (domain: string) => string }) {
  const groups = useMemo(() => [...byDomain(points).entries()], [points]);
  const tick = (v: number) => v.toFixed(1);
  return (
    <ChartCard title={`Features (PCA) — ${trackLabels[track]}`} empty={points.length === 0} testId={`projection-${track}`}>
      <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#eef0f3" />
        <XAxis type="number" dataKey="x" name="PC1" domain={extent.x} allowDataOverflow tick={{ fontSize: 11 }} tickFormatter={tick} />
        <YAxis type="number" dataKey="y" name="PC2" domain={extent.y} allowDataOverflow tick={{ fontSize: 11 }} width={44} tickFormatter={tick} />
        <ZAxis range={[18, 18]} />
        <Tooltip cursor={{ strokeDasharray: '3 3' }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {groups.map(([domain, pts]) => (
          <Scatter key={domain} name={domain} data={pts} fill={colorOf(domain)} fillOpacity={0.6} isAnimationActive={false} />
        ))}
      </ScatterChart>
    </ChartCard>
  );
}

/**
 * The learned features of source-only and the method, projected to 2-D, side by side on one x and one y
 * range, so a tighter overlap of the domains is visible as such and not an artefact of autoscaling.
 */
export function ProjectionPair({ projections }: { projections: Readonly<Partial<Record<RunTrack, ProjectionPoints>>> }) {
  const { tracks, extent, domains } = useMemo(() => {
    const tracks = (['sourceOnly', 'method'] as const).filter((t) => projections[t]);
    const lists = tracks.map((t) => projections[t]!);
    // One colour per domain across both charts.
    return { tracks, extent: sharedExtent(lists), domains: [...new Set(lists.flat().map((p) => p.domain))] };
  }, [projections]);
  if (tracks.length === 0 || !extent) return null;
  const colorOf = (d: string) => domainColors[Math.max(0, domains.indexOf(d)) % domainColors.length]!;
  return (
    <>
      {tracks.map((t) => (
        <ProjectionChart key={t} track={t} points={projections[t]!} extent={extent} colorOf={colorOf} />
      ))}
    </>
  );
}
