'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { slug } from '../../lib/download';
import { errorMessage } from '../../lib/error-message';
import { useTRPC } from '../../lib/trpc';

/** Downloads the run's target predictions (held-out and unlabelled rows) as a CSV file. */
export function PredictionsDownload({ runId, rows, name }: { runId: string; rows: number; name: string | undefined }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setError(null);
    try {
      const found = await qc.fetchQuery(trpc.runs.predictions.queryOptions({ id: runId }));
      const url = URL.createObjectURL(new Blob([found.csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${slug(name ?? 'run')}-${slug(found.domain)}-predictions.csv`;
      a.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div className="card card-pad row" style={{ marginTop: 16, gap: 12 }} data-testid="predictions-card">
      <div>
        <strong>Predictions</strong>
        <div className="small subtle">{rows} target rows (held out and unlabelled): predicted class and class probabilities, from the method’s first seed.</div>
      </div>
      <span className="spacer" />
      <button type="button" className="btn" onClick={() => void download()}>
        Download predictions (CSV)
      </button>
      {error && <div className="err small" role="alert">{error}</div>}
    </div>
  );
}
