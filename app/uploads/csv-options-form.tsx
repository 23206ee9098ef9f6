'use client';

import { useState } from 'react';
import { labelSpecText, parseColumnList, parseLabelSpec, type CsvOptions } from '../../formats/csv-options';

/** The CSV options of the upload dialog: header, delimiter, label column (or none), ignored columns. */
export function CsvOptionsForm({ value, columns, onChange, disabled }: { value: CsvOptions; columns: readonly string[]; onChange: (v: CsvOptions) => void; disabled?: boolean }) {
  const [ignoreText, setIgnoreText] = useState(value.ignore.join(', '));
  const label = labelSpecText(value.label);
  const choices = ['auto', 'none', ...columns.filter((c) => c !== 'auto' && c !== 'none')];
  if (!choices.includes(label)) choices.push(label);
  return (
    <fieldset disabled={disabled} className="row" style={{ border: 0, padding: 0, margin: '8px 0', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}>
      <label className="check small">
        <input id="upload-header" type="checkbox" checked={value.header} onChange={(e) => onChange({ ...value, header: e.target.checked })} /> first line names the columns
      </label>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="upload-delimiter">Delimiter</label>
        <select id="upload-delimiter" value={value.delimiter} onChange={(e) => onChange({ ...value, delimiter: e.target.value as CsvOptions['delimiter'] })}>
          <option value="auto">detect</option>
          <option value="comma">comma</option>
          <option value="semicolon">semicolon</option>
          <option value="tab">tab</option>
        </select>
      </div>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="upload-label">Label column</label>
        <select id="upload-label" value={label} onChange={(e) => onChange({ ...value, label: parseLabelSpec(e.target.value === 'auto' || e.target.value === 'none' ? e.target.value : `name:${e.target.value}`) })}>
          {choices.map((c) => (
            <option key={c} value={c}>
              {c === 'auto' ? 'auto (label / class / y, else last)' : c === 'none' ? 'none — unlabelled' : c}
            </option>
          ))}
        </select>
      </div>
      <div className="field" style={{ margin: 0 }}>
        <label htmlFor="upload-ignore">Ignore columns</label>
        <input
          id="upload-ignore"
          type="text"
          placeholder="id, timestamp or 1, 2"
          value={ignoreText}
          onChange={(e) => setIgnoreText(e.target.value)}
          onBlur={() => onChange({ ...value, ignore: parseColumnList(ignoreText) })}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
      </div>
    </fieldset>
  );
}
