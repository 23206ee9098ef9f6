'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zipSync } from 'fflate';
import { useRef, useState } from 'react';
import type { StagedUpload } from '../../formats/upload-preview';
import { errorMessage } from '../lib/error-message';
import { Modal } from '../lib/modal';
import { useTRPC } from '../lib/trpc';
import { refusalText, stageUploadFile } from '../lib/upload-client';
import { ModelLayersView } from './model-layers-view';

interface Props {
  onClose: () => void;
  onKept?: (upload: { id: string; name: string }) => void;
}

/** One zip as the server takes it: a chosen .zip as it is, or model.json and its weight files zipped here. */
async function asZip(files: File[]): Promise<File> {
  if (files.length === 1 && /\.zip$/i.test(files[0]!.name)) return files[0]!;
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.name] = new Uint8Array(await f.arrayBuffer());
  return new File([zipSync(entries) as Uint8Array<ArrayBuffer>], 'model.zip', { type: 'application/zip' });
}

/**
 * Upload a pre-trained TF.js layers model: model.json with its weight (.bin) files, or a zip of them. Staged and
 * checked on the server (format, weight paths, layer classes, limits); its layer list is shown; Keep stores it.
 */
export function ModelUploadDialog({ onClose, onKept }: Props) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [staged, setStaged] = useState<StagedUpload | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = useMutation(trpc.datasets.confirm.mutationOptions());
  const discard = useMutation(trpc.datasets.discard.mutationOptions());
  const choose = async (files: File[]) => {
    if (staged) discard.mutate({ stagedId: staged.id });
    setStaged(null);
    setError(null);
    setBusy(true);
    const label = files.find((f) => /\.zip$/i.test(f.name))?.name.replace(/\.zip$/i, '') ?? 'model';
    const r = await stageUploadFile(await asZip(files), { format: 'model', name: label });
    setBusy(false);
    if (!r.ok) return setError(refusalText(r.refusal));
    setStaged(r.staged);
    setName(label);
  };
  const keep = async () => {
    if (!staged) return;
    try {
      const row = await confirm.mutateAsync({ stagedId: staged.id, name: name.trim() || staged.name });
      await qc.invalidateQueries({ queryKey: trpc.datasets.list.queryKey() });
      onKept?.(row);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const cancel = () => {
    if (staged) discard.mutate({ stagedId: staged.id });
    onClose();
  };
  return (
    <Modal label="Upload a pre-trained model" onClose={cancel} wide>
      <h2>Upload a pre-trained model</h2>
      <p className="small subtle">
        A TF.js layers model: model.json with its weight files (select them together), or a zip of them. Keras models convert with <code>tensorflowjs_converter --input_format keras model.h5 out_dir</code>.
      </p>
      <button type="button" className="btn" disabled={busy} onClick={() => fileRef.current?.click()}>
        Choose model.json + weights, or a zip…
      </button>
      <input
        ref={fileRef}
        type="file"
        multiple
        accept=".json,.bin,.zip,application/json,application/zip,application/octet-stream"
        hidden
        data-testid="model-upload-files"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void choose(files);
        }}
      />
      {error && (
        <div className="banner error small" role="alert" data-testid="model-upload-error">
          {error}
        </div>
      )}
      {busy && <div className="small subtle">Checking the model on the server…</div>}
      {staged?.info.model && <ModelLayersView model={staged.info.model} />}
      <div className="row" style={{ marginTop: 12, gap: 8 }}>
        <label className="small" htmlFor="model-upload-name">Name</label>
        <input id="model-upload-name" type="text" value={name} onChange={(e) => setName(e.target.value)} disabled={!staged} />
        <span className="spacer" />
        <button type="button" className="btn" onClick={cancel}>Cancel</button>
        <button type="button" className="btn primary" disabled={!staged || busy || confirm.isPending} onClick={() => void keep()}>
          Keep model
        </button>
      </div>
    </Modal>
  );
}
