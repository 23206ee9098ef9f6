'use client';

/** Class colours for pictures of data (unlabelled points grey). */
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#4f46e5'];
/** Rows without a label, in every picture of data. */
export const UNLABELLED_COLOUR = '#94a3b8';
export const classColour = (c: number) => (c < 0 ? UNLABELLED_COLOUR : PALETTE[c % PALETTE.length]!);

/** A scatter of points in [0, 1]², coloured by class: the preview's picture and the domain card's thumbnail. */
export function ScatterThumb({ points, size = 48, label }: { points: ReadonlyArray<readonly [number, number, number]>; size?: number; label?: string }) {
  const r = size > 100 ? 2.5 : 1.6;
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label ?? 'scatter of the data coloured by class'} data-testid="scatter-thumb" style={{ background: 'var(--panel-2, #f8fafc)', borderRadius: 4 }}>
      {points.map(([x, y, c], i) => (
        <circle key={i} cx={r + x * (size - 2 * r)} cy={size - r - y * (size - 2 * r)} r={r} fill={classColour(c)} fillOpacity={0.75} />
      ))}
    </svg>
  );
}
