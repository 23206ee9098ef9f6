'use client';

import { useState } from 'react';
import { featureLayerChoices } from '../../formats/pretrained-model';
import { ModelUploadDialog } from '../uploads/model-upload-dialog';
import type { UploadRef } from '../uploads/uploads-context';
import { Field } from './param-field';
import type { FieldSpec } from './param-fields';

interface Props {
  field: FieldSpec;
  params: Record<string, unknown>;
  uploads: ReadonlyArray<UploadRef>;
  serverError?: string;
  onChange: (value: string) => void;
}

/**
 * The Pre-trained extractor's upload fields: `model` picks an uploaded model (or uploads one); `featureLayer` and
 * `trainFrom` pick a layer from that model's layer list (name, class, output shape), as the upload's preview shows it.
 */
export function PretrainedModelField({ field: f, params, uploads, serverError, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const models = uploads.filter((u) => u.model);
  const chosen = models.find((u) => `upload:${u.id}` === params.model);
  const current = typeof params[f.key] === 'string' ? (params[f.key] as string) : '';
  if (f.key === 'model') {
    return (
      <Field id={f.key} label="Uploaded model" error={serverError} description={chosen ? `${chosen.model!.layers.length} layers, input ${chosen.model!.inputShape.join('×')}.` : f.description}>
        <select id={`f-${f.key}`} value={current} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {current && !chosen && <option value={current}>{current} (not found)</option>}
          {models.map((u) => (
            <option key={u.id} value={`upload:${u.id}`}>{u.name}</option>
          ))}
        </select>
        <button type="button" className="btn small" style={{ marginTop: 6 }} data-testid="open-model-upload" onClick={() => setOpen(true)}>
          Upload model…
        </button>
        {open && <ModelUploadDialog onClose={() => setOpen(false)} onKept={(u) => onChange(`upload:${u.id}`)} />}
      </Field>
    );
  }
  const layers = chosen ? featureLayerChoices(chosen.model!) : [];
  const label = f.key === 'featureLayer' ? 'Feature layer' : 'Train from layer';
  return (
    <Field id={f.key} label={label} error={serverError} description={f.description}>
      <select id={`f-${f.key}`} value={current} disabled={!chosen} onChange={(e) => onChange(e.target.value)}>
        <option value="">{f.key === 'featureLayer' ? '(the layer before the last)' : '—'}</option>
        {current && !layers.some((l) => l.name === current) && <option value={current}>{current}</option>}
        {layers.map((l) => (
          <option key={l.name} value={l.name}>
            {l.name} — {l.className} [{l.outputShape.join('×')}]
          </option>
        ))}
      </select>
    </Field>
  );
}
