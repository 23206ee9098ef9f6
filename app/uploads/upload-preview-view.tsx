'use client';

import type { UploadPreview, UploadSummary } from '../../formats/upload-preview';
import { ImageGrid } from './image-grid';
import { ModelLayersView } from './model-layers-view';
import { classColour, ScatterThumb } from './scatter-thumb';

const fmt = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(2) : v.toFixed(3).replace(/\.?0+$/, ''));

function HeadTable({ head }: { head: UploadPreview['head'] }) {
  if (head.rows.length === 0) return null;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table small" data-testid="preview-rows">
        <thead>
          <tr>{head.columns.map((c) => <th key={c}>{c}</th>)}</tr>
        </thead>
        <tbody>
          {head.rows.map((r, i) => (
            <tr key={i}>{r.map((v, j) => <td key={j}>{v}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ColumnTable({ columns }: { columns: UploadPreview['columns'] }) {
  return (
    <div style={{ overflowX: 'auto', maxHeight: 220 }}>
      <table className="table small" data-testid="preview-columns">
        <thead>
          <tr>
            <th>column</th><th>use</th><th>min</th><th>max</th><th>mean</th><th>std</th><th>missing</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.name}>
              <td>{c.name}</td><td>{c.role}</td><td>{fmt(c.min)}</td><td>{fmt(c.max)}</td><td>{fmt(c.mean)}</td><td>{fmt(c.std)}</td><td>{c.missing}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ClassHistogram({ classes, unlabelled }: Pick<UploadPreview, 'classes' | 'unlabelled'>) {
  const max = Math.max(1, unlabelled, ...classes.map((c) => c.count));
  const bars = [...classes.map((c, i) => ({ ...c, colour: classColour(i) })), ...(unlabelled > 0 ? [{ name: 'unlabelled', count: unlabelled, colour: classColour(-1) }] : [])];
  return (
    <div data-testid="class-histogram" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr auto', gap: '2px 8px', alignItems: 'center' }}>
      {bars.map((b) => (
        <div key={b.name} style={{ display: 'contents' }}>
          <span className="small">{b.name}</span>
          <div style={{ background: b.colour, height: 10, width: `${(100 * b.count) / max}%`, borderRadius: 2 }} />
          <span className="small subtle">{b.count}</span>
        </div>
      ))}
    </div>
  );
}

/** The preview of an upload: summary line, first rows, columns, class histogram, and a scatter or an image grid. */
export function UploadPreviewView({ info, scalingNote = true }: { info: UploadSummary; scalingNote?: boolean }) {
  if (info.model) return <ModelLayersView model={info.model} />;
  const p = info.preview;
  const classes = info.labelNames ? `classes ${info.labelNames.map((n, i) => `${i} = ${n}`).join(', ')}` : `${info.classes} classes`;
  return (
    <div className="upload-preview" data-testid="upload-preview">
      <p className="small" data-testid="preview-summary">
        {info.rows} rows · {info.width} features · {info.labelled ? `${info.labelledRows} labelled, ${classes}` : 'no labels (an unlabelled domain)'}
        {info.imageShape ? ` · images ${info.imageShape.join('×')}` : ''}
        {scalingNote && !info.imageShape ? ' · standardised by default (source training-row statistics; change it on the domain node)' : ''}
      </p>
      {p && <HeadTable head={p.head} />}
      {p && (
        <div className="row" style={{ alignItems: 'flex-start', gap: 16, flexWrap: 'wrap', marginTop: 8 }}>
          <div style={{ flex: '1 1 320px', minWidth: 0 }}><ColumnTable columns={p.columns} /></div>
          <div style={{ flex: '0 1 200px' }}>
            <div className="section-title">Classes</div>
            <ClassHistogram classes={p.classes} unlabelled={p.unlabelled} />
          </div>
          {p.scatter && (
            <div>
              <div className="section-title">{p.scatter.axes.join(' × ')}</div>
              <ScatterThumb points={p.scatter.points} size={180} />
            </div>
          )}
        </div>
      )}
      {p?.images && <ImageGrid images={p.images} />}
    </div>
  );
}
