'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { defaultCsvOptions, type CsvOptions } from '../../formats/csv-options';
import type { StagedUpload, UploadSummary } from '../../formats/upload-preview';
import { errorMessage } from '../lib/error-message';
import { Modal } from '../lib/modal';
import { useTRPC } from '../lib/trpc';
import { refusalText, stageUploadFile } from '../lib/upload-client';
import { CsvOptionsForm } from './csv-options-form';
import { ImageOptionsForm } from './image-options-form';
import { imageOptionsSchema, type ImageOptions } from '../../formats/image-options';
import { UploadPreviewView } from './upload-preview-view';

interface Props {
  onClose: () => void;
  /** Called with the kept upload. */
  onKept?: (upload: { id: string; name: string }) => void;
}

/** The dialog's state: the chosen file, its staged copy and preview, the options, and the server calls. */
function useStagedUpload(onClose: () => void, onKept: Props['onKept']) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [staged, setStaged] = useState<StagedUpload | null>(null);
  const [info, setInfo] = useState<UploadSummary | null>(null);
  const [csv, setCsv] = useState<CsvOptions>(defaultCsvOptions);
  const [image, setImage] = useState<ImageOptions>(imageOptionsSchema.parse({}));
  const isZip = !!file && /\.zip$/i.test(file.name);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const restage = useMutation(trpc.datasets.restage.mutationOptions());
  const confirm = useMutation(trpc.datasets.confirm.mutationOptions());
  const discard = useMutation(trpc.datasets.discard.mutationOptions());

  // Only the newest staging counts (a slower, older one answering late is discarded).
  const latest = useRef(0);
  const stage = async (f: File, options: CsvOptions, img: ImageOptions = image) => {
    const mine = ++latest.current;
    setBusy(true);
    setError(null);
    const zip = /\.zip$/i.test(f.name);
    const r = await stageUploadFile(f, zip ? { format: 'zip', image: img, name: f.name } : { csv: options, name: f.name });
    if (mine !== latest.current) {
      if (r.ok) discard.mutate({ stagedId: r.staged.id });
      return;
    }
    setBusy(false);
    if (!r.ok) return setError(refusalText(r.refusal));
    setStaged(r.staged);
    setInfo(r.staged.info);
  };
  /** A zip's size or colour changed: the file is staged again with them (the old staged copy discarded). */
  const changeImage = (next: ImageOptions) => {
    setImage(next);
    if (!file) return;
    if (staged) discard.mutate({ stagedId: staged.id });
    setStaged(null);
    setInfo(null);
    void stage(file, csv, next);
  };
  const changeOptions = async (next: CsvOptions) => {
    setCsv(next);
    if (!file) return;
    if (!staged) return stage(file, next);
    setBusy(true);
    setError(null);
    try {
      setInfo(await restage.mutateAsync({ stagedId: staged.id, csv: next }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const keep = async () => {
    if (!staged) return;
    try {
      const row = await confirm.mutateAsync({ stagedId: staged.id, ...(isZip ? {} : { csv }), name: name.trim() || staged.name });
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
  const choose = (f: File) => {
    if (staged) discard.mutate({ stagedId: staged.id });
    setFile(f);
    setStaged(null);
    setInfo(null);
    setName(f.name.replace(/\.[^.]+$/, '') || f.name);
    void stage(f, csv);
  };
  return { file, staged, info, csv, image, changeImage, isZip, name, setName, error, busy, confirming: confirm.isPending, changeOptions, keep, cancel, choose };
}

/**
 * Upload a CSV or an image zip: staged on the server and parsed by the upload parser, previewed, re-read with other
 * options, and kept only when the user confirms (Keep). Cancel discards the staged file.
 */
export function UploadDialog({ onClose, onKept }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const { file, staged, info, csv, image, changeImage, isZip, name, setName, error, busy, confirming, changeOptions, keep, cancel, choose } = useStagedUpload(onClose, onKept);
  return (
    <Modal label="Upload a data set" onClose={cancel} wide>
      <h2>Upload a data set</h2>
      <div className="row" style={{ gap: 12, flexWrap: 'wrap' }}>
        <button type="button" className="btn" disabled={busy} onClick={() => fileRef.current?.click()}>
          {file ? 'Choose another file…' : 'Choose a CSV or image zip…'}
        </button>
        {file && <span className="small subtle">{file.name}</span>}
        <input
          ref={fileRef}
          type="file"
          accept=".csv,.tsv,.txt,.gz,.zip,text/csv,application/zip"
          hidden
          data-testid="upload-dialog-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) choose(f);
          }}
        />
      </div>
      {isZip ? (
        <ImageOptionsForm value={image} onChange={changeImage} disabled={busy} />
      ) : (
        <CsvOptionsForm value={csv} columns={info?.preview?.head.columns ?? []} onChange={(v) => void changeOptions(v)} disabled={busy || !file} />
      )}
      {error && (
        <div className="banner error small" role="alert" data-testid="upload-dialog-error">
          {error}
        </div>
      )}
      {busy && <div className="small subtle">Reading the file on the server…</div>}
      {info && <UploadPreviewView info={info} />}
      <div className="row" style={{ marginTop: 12, gap: 8 }}>
        <label className="small" htmlFor="upload-name">Name</label>
        <input id="upload-name" type="text" value={name} onChange={(e) => setName(e.target.value)} disabled={!staged} />
        <span className="spacer" />
        <button type="button" className="btn" onClick={cancel}>Cancel</button>
        <button type="button" className="btn primary" disabled={!staged || busy || !!error || confirming} onClick={() => void keep()}>
          Keep upload
        </button>
      </div>
    </Modal>
  );
}
