'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytesShort } from './format-bytes';
import { errorMessage } from '../lib/error-message';
import { useTRPC } from '../lib/trpc';
import { UploadThumb } from './upload-thumb';
import { UploadPreviewView } from './upload-preview-view';
import type { UploadRow } from './upload-list';

/** One upload: name (renamable), sizes, checksum, date; its preview; delete with the graphs that use it. */
export function UploadRowView({ u }: { u: UploadRow }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(u.name);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.datasets.list.queryKey() });
  const detail = useQuery({ ...trpc.datasets.get.queryOptions({ id: u.id }), enabled: open });
  const rename = useMutation(trpc.datasets.rename.mutationOptions({ onSuccess: refresh }));
  const del = useMutation(trpc.datasets.delete.mutationOptions({ onSuccess: refresh }));
  const remove = async () => {
    setProblem(null);
    try {
      await del.mutateAsync({ id: u.id });
    } catch (err) {
      const message = errorMessage(err);
      if (!/used by/.test(message)) return setProblem(message);
      if (window.confirm(`${message}\n\nDelete it anyway?`)) await del.mutateAsync({ id: u.id, force: true }).catch((e: unknown) => setProblem(errorMessage(e)));
    }
  };
  const m = u.metadata;
  return (
    <>
      <tr data-testid={`upload-row-${u.id}`}>
        <td>{u.thumbnail && <UploadThumb thumbnail={u.thumbnail} size={40} name={u.name} />}</td>
        <td>
          <input aria-label="Upload name" type="text" value={name} onChange={(e) => setName(e.target.value)} onBlur={() => name.trim() && name !== u.name && rename.mutate({ id: u.id, name: name.trim() })} />
        </td>
        <td>{m.rows}</td>
        <td>{m.width}</td>
        <td>{m.model ? `model: ${m.model.layers.length} layers` : m.labelled ? (m.labelNames ? m.labelNames.join(', ') : m.classes) : 'unlabelled'}</td>
        <td>{formatBytesShort(u.sizeBytes)}</td>
        <td><code title={u.sha256}>{u.sha256.slice(0, 10)}</code></td>
        <td>{new Date(u.createdAt).toLocaleString()}</td>
        <td className="row" style={{ gap: 6 }}>
          <button type="button" className="btn small" onClick={() => setOpen(!open)}>{open ? 'Hide' : 'Preview'}</button>
          <button type="button" className="btn small danger" onClick={() => void remove()}>Delete</button>
        </td>
      </tr>
      {(open || problem) && (
        <tr>
          <td colSpan={9}>
            {problem && <div className="banner error small" role="alert">{problem}</div>}
            {open && detail.data && (
              <>
                <div className="small subtle">Used by: {detail.data.usedBy.length ? detail.data.usedBy.map((g) => g.name).join(', ') : 'no saved graph'}</div>
                <UploadPreviewView info={{ ...m, checksum: u.sha256, labelColumn: u.labelColumn ?? undefined, preview: detail.data.upload.preview ?? undefined }} />
              </>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
