'use client';

import { useState } from 'react';
import { checkField, parseNumberList, type FieldSpec } from './param-fields';

export function Field({ id, label, description, error, children }: { id: string; label: string; description?: string; error?: string | null; children: React.ReactNode }) {
  return (
    <div className="field" data-field={id}>
      <label htmlFor={`f-${id}`}>{label}</label>
      {children}
      {error ? (
        <div className="err" role="alert" data-testid={`field-error-${id}`}>
          {error}
        </div>
      ) : description ? (
        <div className="hint">{description}</div>
      ) : null}
    </div>
  );
}

function boundsText(f: { min?: number; max?: number; exclusiveMin?: number; integer?: boolean }): string {
  const lo = f.min !== undefined ? `${f.min} ≤ ` : f.exclusiveMin !== undefined ? `${f.exclusiveMin} < ` : '';
  const hi = f.max !== undefined ? ` ≤ ${f.max}` : '';
  return lo || hi ? `${lo}x${hi}${f.integer ? ', whole' : ''}` : '';
}

/** A text input that keeps what the user types until it parses (e.g. "0." on the way to "0.5"). */
export function useDraft(value: unknown, format: (v: unknown) => string) {
  const [draft, setDraft] = useState(() => format(value));
  const [parseError, setParseError] = useState<string | null>(null);
  const [last, setLast] = useState(value);
  if (value !== last) {
    // The value changed from outside (undo, another field): show it and forget the typing error.
    setLast(value);
    setDraft(format(value));
    setParseError(null);
  }
  return { draft, setDraft, parseError, setParseError };
}

interface FieldProps<K extends FieldSpec['kind']> {
  readonly field: Extract<FieldSpec, { kind: K }>;
  readonly value: unknown;
  readonly serverError?: string;
  readonly onChange: (v: unknown) => void;
}

/** The field's message: what the user typed and cannot be parsed, then the schema's check, then the server's. */
function errorOf(f: FieldSpec, value: unknown, serverError: string | undefined, parseError: string | null = null): string | null {
  return parseError ?? checkField(f, value) ?? serverError ?? null;
}

function NumberField({ field: f, value, serverError, onChange }: FieldProps<'number'>) {
  const { draft, setDraft, parseError, setParseError } = useDraft(value, (v) => (v === undefined ? '' : String(v)));
  const error = errorOf(f, value, serverError, parseError);
  const bounds = boundsText(f);
  return (
    <Field id={f.key} label={f.label} description={[f.description, bounds && `(${bounds})`].filter(Boolean).join(' ')} error={error}>
      <input
        id={`f-${f.key}`}
        type="text"
        inputMode="decimal"
        className={error ? 'invalid' : undefined}
        value={draft}
        placeholder={f.default === undefined ? undefined : String(f.default)}
        aria-invalid={!!error}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const n = Number(text);
          if (text.trim() === '' || !Number.isFinite(n)) setParseError('Enter a number.');
          else {
            setParseError(null);
            onChange(n);
          }
        }}
      />
    </Field>
  );
}

function NumberListField({ field: f, value, serverError, onChange }: FieldProps<'numberList'>) {
  const { draft, setDraft, parseError, setParseError } = useDraft(value, (v) => (v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v)));
  const error = errorOf(f, value, serverError, parseError);
  const bounds = boundsText(f);
  return (
    <Field id={f.key} label={f.label} description={[f.description, bounds && `Each value ${bounds}.`].filter(Boolean).join(' ')} error={error}>
      <input
        id={`f-${f.key}`}
        type="text"
        className={error ? 'invalid' : undefined}
        value={draft}
        placeholder={Array.isArray(f.default) ? f.default.join(', ') : 'numbers, comma-separated'}
        onChange={(e) => {
          setDraft(e.target.value);
          const r = parseNumberList(e.target.value);
          if (!r.ok) setParseError(r.error);
          else {
            setParseError(null);
            onChange(r.value);
          }
        }}
      />
    </Field>
  );
}

function EnumField({ field: f, value, serverError, onChange }: FieldProps<'enum'>) {
  const error = errorOf(f, value, serverError);
  return (
    <Field id={f.key} label={f.label} description={f.description} error={error}>
      <select id={`f-${f.key}`} className={error ? 'invalid' : undefined} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
        {f.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  );
}

function BooleanField({ field: f, value, serverError, onChange }: FieldProps<'boolean'>) {
  const error = errorOf(f, value, serverError);
  return (
    <div className="field" data-field={f.key}>
      <label className="check">
        <input id={`f-${f.key}`} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        {f.label}
      </label>
      {error ? <div className="err">{error}</div> : f.description ? <div className="hint">{f.description}</div> : null}
    </div>
  );
}

function TextField({ field: f, value, serverError, onChange }: FieldProps<'text'>) {
  const error = errorOf(f, value, serverError);
  const cls = error ? 'invalid' : undefined;
  const text = typeof value === 'string' ? value : '';
  return (
    <Field id={f.key} label={f.label} description={f.description} error={error}>
      {f.multiline ? (
        <textarea id={`f-${f.key}`} className={cls} rows={8} style={{ width: '100%', fontFamily: 'monospace', fontSize: 12 }} value={text} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={`f-${f.key}`} type="text" className={cls} value={text} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

function EnumListField({ field: f, value, serverError, onChange }: FieldProps<'enumList'>) {
  const list = Array.isArray(value) ? (value as string[]) : [];
  return (
    <Field id={f.key} label={f.label} description={f.description} error={errorOf(f, value, serverError)}>
      <div className="row" style={{ flexWrap: 'wrap', gap: 12 }}>
        {f.options.map((o) => (
          <label key={o} className="check small" style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
            <input type="checkbox" checked={list.includes(o)} onChange={(e) => onChange(e.target.checked ? [...list, o] : list.filter((x) => x !== o))} />
            {o}
          </label>
        ))}
      </div>
    </Field>
  );
}

/** One generated form field of a node's params, by the kind of its schema (param-fields.ts). */
export function ParamField(props: { field: FieldSpec; value: unknown; serverError?: string; onChange: (v: unknown) => void }) {
  const { field: f } = props;
  switch (f.kind) {
    case 'number':
      return <NumberField {...props} field={f} />;
    case 'numberList':
      return <NumberListField {...props} field={f} />;
    case 'enum':
      return <EnumField {...props} field={f} />;
    case 'boolean':
      return <BooleanField {...props} field={f} />;
    case 'text':
      return <TextField {...props} field={f} />;
    case 'enumList':
      return <EnumListField {...props} field={f} />;
    case 'datasetOptions':
      return null;
  }
}
