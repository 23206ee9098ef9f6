'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/api/root';
import { errorMessage } from '../lib/error-message';
import { useTRPC } from '../lib/trpc';
import { UploadDialog } from './upload-dialog';
import { ModelUploadDialog } from './model-upload-dialog';
import { UploadRowView } from './upload-row';

export type UploadRow = inferRouterOutputs<AppRouter>['datasets']['list']['uploads'][number];

/** The uploads page: every uploaded data set, with rename, preview and delete; Upload… opens the dialog. */
export function UploadList() {
  const trpc = useTRPC();
  const list = useQuery(trpc.datasets.list.queryOptions());
  const [uploading, setUploading] = useState<'data' | 'model' | null>(null);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Uploads</h1>
          <div className="subtle">Your data sets (pick one in a domain node’s Data set field) and pre-trained models (in a Pre-trained extractor).</div>
        </div>
        <div className="row" style={{ gap: 8 }}>
          <button type="button" className="btn" onClick={() => setUploading('model')}>
            Upload model…
          </button>
          <button type="button" className="btn primary" onClick={() => setUploading('data')}>
            Upload…
          </button>
        </div>
      </div>
      {list.error && <div className="banner error">{errorMessage(list.error)}</div>}
      {list.data && list.data.uploads.length === 0 && <div className="card empty">No uploads yet.</div>}
      {list.data && list.data.uploads.length > 0 && (
        <div className="card">
          <table className="data" data-testid="upload-list">
            <thead>
              <tr>
                <th /><th>Name</th><th>Rows</th><th>Columns</th><th>Classes</th><th>Size</th><th>sha256</th><th>Uploaded</th><th />
              </tr>
            </thead>
            <tbody>
              {list.data.uploads.map((u) => (
                <UploadRowView key={u.id} u={u} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {uploading === 'data' && <UploadDialog onClose={() => setUploading(null)} />}
      {uploading === 'model' && <ModelUploadDialog onClose={() => setUploading(null)} />}
    </div>
  );
}
