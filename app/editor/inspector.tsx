'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTRPC } from '../lib/trpc';
import { builtinDatasets, type DatasetOption } from '../../nodes/core/dataset-catalog';
import { categoryColors, categoryLabels, type NodeCatalogEntry } from './catalog';
import type { EditorStore } from './editor-store';
import { Field, ParamField, useDraft } from './param-field';
import { checkDatasetOption, datasetOptionFields, fieldsFromSchema, type FieldSpec } from './param-fields';
import type { GraphNode } from '../../formats/graph-document';
import type { NodeIssues } from './validation';
import { SweepMarker } from './sweep-marker';

interface Props {
  store: EditorStore;
  node: GraphNode;
  entry: NodeCatalogEntry | undefined;
  issues: NodeIssues | undefined;
  readOnly?: boolean;
  /** Uploaded data sets the user may pick (id, name). */
  uploads?: ReadonlyArray<{ id: string; name: string }>;
}

export function Inspector({ store, node, entry, issues, readOnly = false, uploads = [] }: Props) {
  const fields = useMemo(() => (entry ? fieldsFromSchema(entry.paramsSchema) : []), [entry]);
  if (!entry) return <div className="banner error">Unknown node type “{node.type}”.</div>;
  const set = (key: string, value: unknown) => store.setParam(node.id, key, value, { coalesce: true });
  return (
    <div className="inspector" data-testid="inspector">
      <div className="row" style={{ marginBottom: 4 }}>
        <span className="status-dot" style={{ background: categoryColors[entry.category], width: 10, height: 10, borderRadius: 3 }} />
        <span className="subtle small">
          {categoryLabels[entry.category]}
          {entry.taxonomy ? ` · ${entry.taxonomy}` : ''} · v{entry.version}
        </span>
        <span className="spacer" />
        <code className="subtle">{node.id}</code>
      </div>
      <h2>{entry.title}</h2>
      <p className="subtle" style={{ margin: '0 0 12px', lineHeight: 1.5 }}>
        {entry.docs.summary}
      </p>
      {issues && issues.errors.length > 0 && (
        <div className="banner error small" style={{ marginBottom: 12 }} data-testid="inspector-errors">
          {issues.errors.map((e, i) => (
            <div key={i}>
              {e.message}
              {e.hint ? <div className="subtle">{e.hint}</div> : null}
            </div>
          ))}
        </div>
      )}
      <div className="field" style={{ marginTop: 4 }}>
        <label htmlFor="node-label">Label</label>
        <input id="node-label" type="text" readOnly={readOnly} placeholder={entry.title} defaultValue={node.label ?? ''} key={node.label ?? ''} onBlur={(e) => store.setLabel(node.id, e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()} />
      </div>
      <div className="section">
        <div className="section-title">Parameters</div>
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
          {fields.map((f) =>
            f.kind === 'datasetOptions' ? (
              <DatasetOptionsField key={f.key} datasetId={node.params.dataset} value={node.params[f.key]} serverError={issues?.fields[f.key]} onChange={(v) => set(f.key, v)} />
            ) : f.key === 'dataset' ? (
              <DatasetField key={f.key} field={f} value={node.params[f.key]} uploads={uploads} serverError={issues?.fields[f.key]} onChange={(v) => store.setParams(node.id, { dataset: v, options: optionsFor(v, node.params.options) })} />
            ) : (
              <div key={`${node.id}:${f.key}`}>
                <ParamField field={f} value={node.params[f.key]} serverError={issues?.fields[f.key]} onChange={(v) => set(f.key, v)} />
                {(f.kind === 'number' || f.kind === 'enum') && <SweepMarker key={node.id} store={store} nodeId={node.id} field={f} readOnly={readOnly} />}
              </div>
            ),
          )}
          {fields.length === 0 && <div className="subtle small">This node has no parameters.</div>}
        </fieldset>
      </div>
      <div className="section docs">
        <div className="section-title">How it works</div>
        {entry.docs.formula && <div className="formula">{entry.docs.formula}</div>}
        <p className="helps">
          <strong>When it helps.</strong> {entry.docs.whenItHelps}
        </p>
        <p className="hurts">
          <strong>When it hurts.</strong> {entry.docs.whenItHurts}
        </p>
      </div>
    </div>
  );
}

/** A data set's options after switching to `datasetId`: only the options that data set has (uploads take none). */
function optionsFor(datasetId: string, options: unknown): Record<string, unknown> {
  const keep = new Set(datasetOptionFields(datasetId).map((o) => o.key));
  const old = options && typeof options === 'object' && !Array.isArray(options) ? (options as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(old).filter(([k]) => keep.has(k)));
}

function DatasetField({ field: f, value, uploads, serverError, onChange }: { field: FieldSpec; value: unknown; uploads: ReadonlyArray<{ id: string; name: string }>; serverError?: string; onChange: (v: string) => void }) {
  const current = typeof value === 'string' ? value : '';
  const upload = uploads.find((u) => `upload:${u.id}` === current);
  const known = Object.prototype.hasOwnProperty.call(builtinDatasets, current) || !!upload;
  const ds = Object.prototype.hasOwnProperty.call(builtinDatasets, current) ? builtinDatasets[current as keyof typeof builtinDatasets] : null;
  return (
    <>
      <Field
        id={f.key}
        label="Data set"
        error={serverError ?? (known ? null : `Unknown data set “${current}”.`)}
        description={ds ? `${ds.description} ${ds.width} features, ${ds.classes} classes.` : upload ? `Uploaded data set “${upload.name}”.` : f.description}
      >
        <select id={`f-${f.key}`} value={current} onChange={(e) => onChange(e.target.value)}>
          {!known && <option value={current}>{current || '—'}</option>}
          <optgroup label="Built-in">
            {Object.values(builtinDatasets).map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </optgroup>
          {uploads.length > 0 && (
            <optgroup label="Uploaded">
              {uploads.map((u) => (
                <option key={u.id} value={`upload:${u.id}`}>
                  {u.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </Field>
      <UploadDataset onUploaded={(id) => onChange(`upload:${id}`)} />
    </>
  );
}

/** Upload a CSV (one row per sample, a label column) through POST /api/uploads and select it. */
function UploadDataset({ onUploaded }: { onUploaded: (id: string) => void }) {
  const qc = useQueryClient();
  const trpc = useTRPC();
  const [labelColumn, setLabelColumn] = useState('label');
  const [state, setState] = useState<{ busy: boolean; error: string | null; ok: string | null }>({ busy: false, error: null, ok: null });
  const fileRef = useRef<HTMLInputElement>(null);
  const send = async (file: File) => {
    setState({ busy: true, error: null, ok: null });
    const form = new FormData();
    form.set('file', file);
    form.set('name', file.name.replace(/\.[^.]+$/, '') || file.name);
    form.set('format', 'csv');
    if (labelColumn.trim()) form.set('labelColumn', labelColumn.trim());
    try {
      const res = await fetch('/api/uploads', { method: 'POST', body: form });
      const body = (await res.json().catch(() => ({}))) as { dataset?: { id: string; name: string }; error?: string; line?: number; column?: number };
      if (!res.ok || !body.dataset) {
        const where = body.line ? ` (line ${body.line}${body.column ? `, column ${body.column}` : ''})` : '';
        setState({ busy: false, error: `${body.error ?? `Upload failed (${res.status}).`}${where}`, ok: null });
        return;
      }
      await qc.invalidateQueries({ queryKey: trpc.datasets.list.queryKey() });
      onUploaded(body.dataset.id);
      setState({ busy: false, error: null, ok: `Uploaded “${body.dataset.name}”.` });
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : 'Upload failed.', ok: null });
    }
  };
  return (
    <div className="field upload-box">
      <div className="row">
        <button type="button" className="btn small" disabled={state.busy} onClick={() => fileRef.current?.click()}>
          {state.busy ? 'Uploading…' : 'Upload CSV…'}
        </button>
        <label className="small subtle" htmlFor="upload-label-column">
          label column
        </label>
        <input id="upload-label-column" type="text" value={labelColumn} onChange={(e) => setLabelColumn(e.target.value)} style={{ width: 90, height: 26 }} />
      </div>
      <input
        ref={fileRef}
        type="file"
        accept=".csv,text/csv"
        hidden
        data-testid="upload-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void send(file);
        }}
      />
      {state.error && (
        <div className="err" role="alert">
          {state.error}
        </div>
      )}
      {state.ok && <div className="hint" style={{ color: 'var(--ok)' }}>{state.ok}</div>}
    </div>
  );
}

function DatasetOptionsField({ datasetId, value, serverError, onChange }: { datasetId: unknown; value: unknown; serverError?: string; onChange: (v: Record<string, unknown>) => void }) {
  const opts = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const fields = datasetOptionFields(datasetId);
  if (fields.length === 0) return serverError ? <div className="err small">{serverError}</div> : null;
  return (
    <>
      {serverError && <div className="banner error small" style={{ marginBottom: 8 }}>{serverError}</div>}
      {fields.map(({ key, option }) => (
        <DatasetOptionInput
          key={`${String(datasetId)}:${key}`}
          name={key}
          option={option}
          value={opts[key]}
          onChange={(v) => {
            const next = { ...opts };
            if (v === undefined) delete next[key];
            else next[key] = v;
            onChange(next);
          }}
        />
      ))}
    </>
  );
}

function DatasetOptionInput({ name, option, value, onChange }: { name: string; option: DatasetOption; value: unknown; onChange: (v: number | undefined) => void }) {
  const { draft, setDraft, parseError, setParseError } = useDraft(value, (v) => (v === undefined ? '' : String(v)));
  const error = parseError ?? checkDatasetOption(option, value);
  const id = `options.${name}`;
  return (
    <Field id={id} label={name.charAt(0).toUpperCase() + name.slice(1)} description={`${option.description} (${option.min}–${option.max}, default ${option.default})`} error={error}>
      <input
        id={`f-${id}`}
        type="text"
        inputMode="decimal"
        className={error ? 'invalid' : undefined}
        placeholder={String(option.default)}
        value={draft}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          if (text.trim() === '') {
            setParseError(null);
            onChange(undefined);
            return;
          }
          const n = Number(text);
          if (!Number.isFinite(n)) setParseError('Enter a number.');
          else {
            setParseError(null);
            onChange(n);
          }
        }}
      />
    </Field>
  );
}
