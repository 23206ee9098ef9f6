'use client';

import { useMemo, useState } from 'react';
import { UploadDialog } from '../uploads/upload-dialog';
import type { UploadRef } from '../uploads/uploads-context';
import { builtinDatasets, type DatasetOption } from '../../nodes/core/dataset-catalog';
import { categoryColors, categoryLabels, type NodeCatalogEntry } from './catalog';
import type { EditorStore } from './editor-store';
import { Field, ParamField, useDraft } from './param-field';
import { checkDatasetOption, datasetOptionFields, fieldsFromSchema, type FieldSpec } from './param-fields';
import type { GraphNode } from '../../formats/graph-document';
import type { NodeIssues } from './validation';
import { SweepMarker } from './sweep-marker';
import { PretrainedModelField } from './pretrained-model-field';

interface Props {
  store: EditorStore;
  node: GraphNode;
  entry: NodeCatalogEntry | undefined;
  issues: NodeIssues | undefined;
  readOnly?: boolean;
  /** Uploaded data sets the user may pick (id, name). */
  uploads?: ReadonlyArray<UploadRef>;
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
            ) : node.type === 'pretrainedExtractor' && ['model', 'featureLayer', 'trainFrom'].includes(f.key) ? (
              <PretrainedModelField key={f.key} field={f} params={node.params} uploads={uploads} serverError={issues?.fields[f.key]} onChange={(v) => set(f.key, v)} />
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

function DatasetField({ field: f, value, uploads, serverError, onChange }: { field: FieldSpec; value: unknown; uploads: ReadonlyArray<UploadRef>; serverError?: string; onChange: (v: string) => void }) {
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
          {uploads.some((u) => !u.model) && (
            <optgroup label="Uploaded">
              {uploads.filter((u) => !u.model).map((u) => (
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

/** Opens the upload dialog (staged upload, preview, options, keep) and selects the kept upload. */
function UploadDataset({ onUploaded }: { onUploaded: (id: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="field upload-box">
      <button type="button" className="btn small" data-testid="open-upload-dialog" onClick={() => setOpen(true)}>
        Upload a CSV or image zip…
      </button>
      {open && <UploadDialog onClose={() => setOpen(false)} onKept={(u) => onUploaded(u.id)} />}
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
