import { useMemo } from 'react';
import type { Boundary, RunTrack } from '../../../formats/run-events';
import { trackLabels } from '../run-view-state';
import { UNLABELLED_COLOUR } from '../../uploads/scatter-thumb';
import { classColors } from './chart-card';

const W = 100;
/** A class's colour; rows without a label (−1, an unlabelled target) are grey. */
const color = (c: number) => (c < 0 ? UNLABELLED_COLOUR : classColors[c % classColors.length]!);

/** Runs of equal class per grid row, one rect each (a 60×60 grid is then ~hundreds of rects, not 3600). */
function cellRuns(b: Boundary, h: number): Array<{ x: number; y: number; w: number; h: number; c: number }> {
  const cw = W / b.nx;
  const ch = h / b.ny;
  const runs: Array<{ x: number; y: number; w: number; h: number; c: number }> = [];
  for (let j = 0; j < b.ny; j++) {
    // Row 0 is y0, the bottom of the picture.
    const y = h - (j + 1) * ch;
    let start = 0;
    for (let i = 1; i <= b.nx; i++) {
      const c = b.classes[j * b.nx + start];
      if (i < b.nx && b.classes[j * b.nx + i] === c) continue;
      if (c !== undefined) runs.push({ x: start * cw, y, w: (i - start) * cw, h: ch, c });
      start = i;
    }
  }
  return runs;
}

/** What one model predicts over the target's bounding box, with the target rows on top. */
export function BoundaryPlot({ boundary: b, track }: { boundary: Boundary; track: RunTrack }) {
  // Keep the data's aspect ratio (within reason), so both axes read the same.
  const aspect = Math.min(1.5, Math.max(0.5, (b.y1 - b.y0) / (b.x1 - b.x0 || 1)));
  const h = W * aspect;
  const runs = useMemo(() => cellRuns(b, h), [b, h]);
  const px = (x: number) => ((x - b.x0) / (b.x1 - b.x0 || 1)) * W;
  const py = (y: number) => h - ((y - b.y0) / (b.y1 - b.y0 || 1)) * h;
  return (
    <figure style={{ margin: 0 }} data-testid={`boundary-${track}`}>
      <figcaption className="small" style={{ fontWeight: 600, marginBottom: 4 }}>
        {trackLabels[track]}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} style={{ width: '100%', border: '1px solid var(--border)', borderRadius: 6, display: 'block' }} role="img" aria-label={`Decision boundary of ${trackLabels[track]}`}>
        {/* Opacity on the group, not the cells: the cells' slight overlaps then leave no seams. */}
        <g shapeRendering="crispEdges" opacity={0.22}>
          {runs.map((r, k) => (
            <rect key={k} x={r.x} y={r.y} width={r.w + 0.05} height={r.h + 0.05} fill={color(r.c)} />
          ))}
        </g>
        {b.points.map((p, k) => (
          <circle key={k} cx={px(p.x)} cy={py(p.y)} r={0.9} fill={color(p.label)} stroke="#fff" strokeWidth={0.25} />
        ))}
      </svg>
      <div className="subtle small" style={{ marginTop: 2 }}>
        x {b.x0.toFixed(2)} … {b.x1.toFixed(2)}, y {b.y0.toFixed(2)} … {b.y1.toFixed(2)}
      </div>
    </figure>
  );
}

/** Source-only and the method side by side on the target: where adaptation moved the boundary. */
export function BoundaryPair({ boundaries }: { boundaries: Readonly<Partial<Record<RunTrack, Boundary>>> }) {
  const tracks = (['sourceOnly', 'method'] as const).filter((t) => boundaries[t]);
  if (tracks.length === 0) return null;
  const classes = [...new Set(tracks.flatMap((t) => boundaries[t]!.points.map((p) => p.label)))].sort((a, b) => a - b);
  return (
    <div className="card card-pad" data-testid="boundaries">
      <h2>Decision boundaries on the target</h2>
      <p className="subtle small" style={{ marginTop: -4 }}>
        Shaded cells: the class each model predicts there (first seed). Dots: target rows, coloured by their true label
        {classes.length > 0 && ' — '}
        {classes.map((c) => (
          <span key={c} style={{ marginRight: 8 }}>
            <span className="status-dot" style={{ background: color(c), marginRight: 3 }} />
            {c < 0 ? 'unlabelled' : `class ${c}`}
          </span>
        ))}
      </p>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
        {tracks.map((t) => (
          <BoundaryPlot key={t} boundary={boundaries[t]!} track={t} />
        ))}
      </div>
    </div>
  );
}
