'use client';

import { useState } from 'react';
import type { ImageOptions } from '../../formats/image-options';

/** Size and colour of an image zip; each change reads the file again. The size applies on Enter or leaving the field. */
export function ImageOptionsForm({ value, onChange, disabled }: { value: ImageOptions; onChange: (v: ImageOptions) => void; disabled?: boolean }) {
  const [size, setSize] = useState(String(value.size));
  const commit = () => {
    const next = Math.max(4, Math.min(224, Math.round(Number(size) || 28)));
    setSize(String(next));
    if (next !== value.size) onChange({ ...value, size: next });
  };
  return (
    <fieldset disabled={disabled} className="row" style={{ border: 0, padding: 0, margin: '8px 0', gap: 12, alignItems: 'flex-end' }}>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="upload-image-size">Resize to (pixels)</label>
        <input id="upload-image-size" type="number" min={4} max={224} value={size} onChange={(e) => setSize(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      </div>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="upload-image-color">Colour</label>
        <select id="upload-image-color" value={value.color} onChange={(e) => onChange({ ...value, color: e.target.value as ImageOptions['color'] })}>
          <option value="grayscale">grayscale</option>
          <option value="rgb">RGB</option>
        </select>
      </div>
    </fieldset>
  );
}
