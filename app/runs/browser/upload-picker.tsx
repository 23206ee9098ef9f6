'use client';

import { useState } from 'react';
import type { BrowserUploadSource } from '../../../formats/browser-worker-protocol';
import { labelSpecText } from '../../../formats/csv-options';
import { uploadSource, type UploadDomain } from './browser-uploads';

interface Picked {
  file?: File;
  labels?: File;
}

function howRead(d: UploadDomain): string {
  const o = d.options;
  if (!o) return 'its read options are unknown (the upload was deleted): read as a CSV with the default options';
  if (o.format === 'csv') {
    if (!o.csv) return `a CSV, label column ${o.labelColumn ?? 'auto'}`;
    const ignored = o.csv.ignore.length > 0 ? `, ignoring ${o.csv.ignore.join(', ')}` : '';
    return `a CSV (${o.csv.header ? 'header' : 'no header'}, ${o.csv.delimiter} delimiter, label ${labelSpecText(o.csv.label)}${ignored})`;
  }
  // The server decodes image zips with sharp; a browser cannot reproduce that from a picked file (the run says so).
  return o.format === 'idx' ? `IDX images${o.hasLabelsFile ? ' with a labels file' : ''}` : 'a zip of images, which only the server can decode: run this graph on the server';
}

/**
 * For a visitor without access (a share link): each domain node that trains on an upload asks for a file on this
 * computer. It is read in this browser with the options the owner's upload was read with, and never sent anywhere.
 */
export function UploadPicker({ domains, onReady, onCancel }: { domains: readonly UploadDomain[]; onReady: (s: Record<string, BrowserUploadSource>) => void; onCancel: () => void }) {
  const [picked, setPicked] = useState<Record<string, Picked>>({});
  const needsLabels = (d: UploadDomain) => d.options?.hasLabelsFile === true;
  const ready = domains.every((d) => picked[d.nodeId]?.file && (!needsLabels(d) || picked[d.nodeId]?.labels));
  const pick = (d: UploadDomain, key: keyof Picked, file: File | undefined) => setPicked((p) => ({ ...p, [d.nodeId]: { ...p[d.nodeId], [key]: file } }));
  const start = () => {
    const out: Record<string, BrowserUploadSource> = {};
    for (const d of domains) {
      const p = picked[d.nodeId]!;
      out[d.uploadId] = uploadSource(d, p.file!, p.file!.name, p.labels ? { file: p.labels, name: p.labels.name } : undefined);
    }
    onReady(out);
  };
  return (
    <div className="card" data-testid="browser-upload-picker" style={{ maxWidth: 720, margin: '40px auto' }}>
      <h2>Pick the data files</h2>
      <p className="small subtle">This graph trains on uploaded files, which stay with their owner. Pick your copy of each: it is read here, in this browser, and never sent anywhere.</p>
      {domains.map((d) => (
        <div key={d.nodeId} style={{ marginTop: 12 }}>
          <label className="small">
            <strong>Domain “{d.name}”</strong> uses {d.options ? `“${d.options.name}”` : `upload ${d.uploadId}`}, {howRead(d)}:{' '}
            <input type="file" data-testid={`browser-upload-file-${d.nodeId}`} onChange={(e) => pick(d, 'file', e.target.files?.[0])} />
          </label>
          {needsLabels(d) && (
            <label className="small" style={{ display: 'block' }}>
              its labels file: <input type="file" data-testid={`browser-upload-labels-${d.nodeId}`} onChange={(e) => pick(d, 'labels', e.target.files?.[0])} />
            </label>
          )}
        </div>
      ))}
      <div className="row" style={{ marginTop: 16 }}>
        <button className="btn primary" disabled={!ready} onClick={start}>Run with these files</button>
        <button className="btn ghost" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
