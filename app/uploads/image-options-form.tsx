'use client';

import type { ImageOptions } from '../../formats/image-options';

/** Size and colour of an image zip (chosen before the file is read; choose the file again to change them). */
export function ImageOptionsForm({ value, onChange, disabled }: { value: ImageOptions; onChange: (v: ImageOptions) => void; disabled?: boolean }) {
  return (
    <fieldset disabled={disabled} className="row" style={{ border: 0, padding: 0, margin: '8px 0', gap: 12, alignItems: 'flex-end' }}>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="upload-image-size">Resize to (pixels)</label>
        <input id="upload-image-size" type="number" min={4} max={224} value={value.size} onChange={(e) => onChange({ ...value, size: Math.max(4, Math.min(224, Math.round(Number(e.target.value) || 28))) })} />
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
