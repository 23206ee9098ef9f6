'use client';

import { useState } from 'react';
import { axisValues, MAX_SWEEP_MEMBERS, sweepAxisSchema, type SweepAxis } from '../../formats/sweep';
import type { EditorStore } from './editor-store';
import type { FieldSpec } from './param-fields';
import { useEditorState } from './use-editor';

type Sweepable = Extract<FieldSpec, { kind: 'number' | 'enum' }>;

/** The text a user types for an axis: "0.1, 0.3, 1" or "log 0.001 0.1 5" / "lin 0 1 5". */
export function axisText(axis: Pick<SweepAxis, 'values' | 'range'>): string {
  if (axis.values) return axis.values.join(', ');
  const r = axis.range!;
  return `${r.scale === 'log' ? 'log' : 'lin'} ${r.from} ${r.to} ${r.n}`;
}

/** Parses what the user typed; an error message for anything the graph format would refuse. */
export function parseAxisText(text: string, field: Sweepable): { axis: Omit<SweepAxis, 'nodeId' | 'param'> } | { error: string } {
  const range = /^\s*(lin|log)\s+(\S+)\s+(\S+)\s+(\d+)\s*$/.exec(text);
  const candidate = range
    ? { range: { from: Number(range[2]), to: Number(range[3]), n: Number(range[4]), scale: range[1] === 'log' ? 'log' : 'linear' } }
    : { values: text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (field.kind === 'number' ? Number(s) : s)) };
  if (field.kind === 'enum' && range) return { error: 'a choice is swept by a list of options' };
  const parsed = sweepAxisSchema.safeParse({ nodeId: 'n', param: 'p', ...candidate });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'not a list or a range' };
  const values = axisValues(parsed.data);
  if (field.kind === 'enum' && values.some((v) => !field.options.includes(String(v)))) return { error: `choose among ${field.options.join(', ')}` };
  if (values.some((v) => typeof v === 'number' && ((field.kind === 'number' && field.integer && !Number.isInteger(v)) || (field.kind === 'number' && ((field.min !== undefined && v < field.min) || (field.max !== undefined && v > field.max)))))) {
    return { error: `each value must be ${field.kind === 'number' && field.integer ? 'a whole number ' : ''}within the field's bounds` };
  }
  const { range: r, values: v } = parsed.data;
  return { axis: r ? { range: r } : { values: v } };
}

/**
 * "Sweep" toggle under a numeric or choice param: marks it swept with a list or a range, stored in the graph's
 * `sweeps` (format version 3). The graph then runs as a sweep, one member per combination (docs/sweeps.md).
 */
export function SweepMarker({ store, nodeId, field, readOnly }: { store: EditorStore; nodeId: string; field: Sweepable; readOnly: boolean }) {
  const { sweeps } = useEditorState(store);
  const axis = sweeps.find((a) => a.nodeId === nodeId && a.param === field.key);
  const [text, setText] = useState(axis ? axisText(axis) : '');
  const [error, setError] = useState<string | null>(null);
  const id = `sweep-${field.key}`;
  const apply = () => {
    const r = parseAxisText(text, field);
    if ('error' in r) return setError(r.error);
    setError(null);
    // Blur re-applies what Enter already applied: an unchanged sweep is no edit (no undo step, no re-check).
    const same = axis && JSON.stringify({ values: axis.values, range: axis.range }) === JSON.stringify({ values: r.axis.values, range: r.axis.range });
    if (!same) store.setSweep(nodeId, field.key, r.axis);
  };
  if (!axis && text === '') {
    const seed = field.kind === 'enum' ? field.options.join(', ') : '';
    return (
      <button type="button" className="btn ghost small" data-testid={id} disabled={readOnly} onClick={() => setText(seed || ' ')}>
        Sweep…
      </button>
    );
  }
  return (
    <div className="sweep-marker small" data-testid={id}>
      <label htmlFor={`${id}-values`}>Sweep values {axis ? `(${axisValues(axis).length})` : ''}</label>
      <div className="row">
        <input id={`${id}-values`} type="text" value={text.trimStart()} disabled={readOnly} placeholder="0.1, 0.3, 1  or  log 0.001 0.1 5" onChange={(e) => setText(e.target.value)} onBlur={apply} onKeyDown={(e) => e.key === 'Enter' && apply()} />
        <button
          type="button"
          className="btn ghost small"
          disabled={readOnly}
          onClick={() => {
            store.setSweep(nodeId, field.key, null);
            setText('');
            setError(null);
          }}
        >
          Remove
        </button>
      </div>
      {error ? <div className="err" role="alert">{error}</div> : <div className="hint">A list, or lin/log from to n. At most {MAX_SWEEP_MEMBERS} members in all.</div>}
    </div>
  );
}
