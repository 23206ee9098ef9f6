'use client';

import { useEffect } from 'react';
import type { Refusal } from './use-wire-feedback';

const SHOW_MS = 5000;

/**
 * The reason a connection was refused, next to where the wire was released; the same text goes to
 * a polite live region so screen readers announce it.
 */
export function WireRefusal({ refusal, onDone }: { refusal: Refusal | null; onDone: () => void }) {
  useEffect(() => {
    if (!refusal) return;
    const t = window.setTimeout(onDone, SHOW_MS);
    return () => window.clearTimeout(t);
  }, [refusal, onDone]);
  return (
    <>
      <div className="sr-only" role="status" aria-live="assertive" data-testid="connection-announcer">
        {refusal ? `Connection refused: ${refusal.reason}` : ''}
      </div>
      {refusal && (
        <div className="wire-refusal" style={{ left: refusal.x + 14, top: refusal.y + 14 }} data-testid="connection-refusal" aria-hidden>
          <span aria-hidden>⊘ </span>
          {refusal.reason}
        </div>
      )}
    </>
  );
}
