'use client';

import { Modal } from '../lib/modal';
import { errorMessage } from '../lib/error-message';

export interface Notice {
  readonly kind: 'ok' | 'error';
  readonly text: string;
  readonly details?: string[];
}

/** The outcome of an action (saved, imported, could not run…) with its details, until closed. */
export function NoticeDialog({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  return (
    <Modal label={notice.kind === 'error' ? 'Error' : 'Done'} onClose={onClose}>
      <div className={`banner ${notice.kind === 'error' ? 'error' : 'ok'}`} data-testid={`notice-${notice.kind}`}>
        <strong>{notice.text}</strong>
        {notice.details && notice.details.length > 0 && (
          <ul style={{ margin: '8px 0 0', paddingLeft: 18 }}>
            {notice.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="row" style={{ marginTop: 14, justifyContent: 'flex-end' }}>
        <button className="btn" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Modal>
  );
}

/** The messages of a tRPC error, one per zod issue or line, for display. */
export function errorDetails(err: unknown): string[] {
  const data = (err as { data?: { zodIssues?: Array<{ path: string[]; message: string }> | null } })?.data;
  if (data?.zodIssues?.length) return data.zodIssues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return errorMessage(err)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
