'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '../lib/trpc';
import type { EditorStore } from './editor-store';
import { errorDetails, type Notice } from './notice-dialog';
import { useEditorState } from './use-editor';

/**
 * Replaces "Run" while the graph sweeps a parameter: starts every member (each its own run on the queue) and opens
 * the sweep page. The member count, or why the sweep does not compile, comes from the server's sweeps.preview.
 */
export function SweepRunButton({ store, graphId, disabled, onNotice }: { store: EditorStore; graphId: string | null; disabled: boolean; onNotice: (n: Notice) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const state = useEditorState(store);
  const document = store.toDocument();
  const preview = useQuery({ ...trpc.sweeps.preview.queryOptions({ document }), enabled: state.sweeps.length > 0 });
  const start = useMutation(trpc.sweeps.start.mutationOptions());
  if (state.sweeps.length === 0) return null;
  const count = preview.data?.ok ? preview.data.memberCount : null;
  const problem = preview.data && !preview.data.ok ? preview.data.errors[0]?.message : undefined;
  const run = async () => {
    try {
      const r = await start.mutateAsync({ document, graphId: graphId ?? undefined });
      router.push(`/sweeps/${r.sweepId}`);
    } catch (err) {
      onNotice({ kind: 'error', text: 'Could not start the sweep.', details: errorDetails(err) });
    }
  };
  return (
    <button className="btn primary" data-testid="run-sweep" onClick={() => void run()} disabled={disabled || count === null || start.isPending} title={problem ?? 'Train every member of the sweep'}>
      {start.isPending ? 'Starting…' : `▶ Run sweep${count === null ? '' : ` (${count})`}`}
    </button>
  );
}
