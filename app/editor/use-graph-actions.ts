'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { downloadDocument } from '../lib/download';
import { errorMessage } from '../lib/error-message';
import { useTRPC, useTRPCClient } from '../lib/trpc';
import { writeDraft } from './draft-storage';
import { type EditorStore } from './editor-store';
import { emptyDocument } from './editor-document';
import { errorDetails, type Notice } from './notice-dialog';

/** The editor page's actions on the whole graph: save, export, import, run. Dialogs read `notice`. */
export function useGraphActions(store: EditorStore, initialGraphId: string | null) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const [graphId, setGraphId] = useState(initialGraphId);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const save = useMutation(trpc.graphs.save.mutationOptions());
  const start = useMutation(trpc.runs.start.mutationOptions());

  /** Saves a version (the server reuses the newest one when nothing changed); quiet when asked. */
  const doSave = useCallback(
    async (opts: { quiet?: boolean; message?: string } = {}): Promise<{ id: string; version: number } | null> => {
      try {
        const r = await save.mutateAsync({ id: graphId ?? undefined, document: store.toDocument(), message: opts.message || undefined });
        setGraphId(r.id);
        setSavedVersion(r.version);
        window.history.replaceState(null, '', `/editor?graph=${encodeURIComponent(r.id)}`);
        const name = store.getState().name;
        if (!opts.quiet) setNotice({ kind: 'ok', text: r.unchanged ? `Nothing changed since version ${r.version} of “${name}”.` : `Saved “${name}” as version ${r.version}.` });
        // Saved: the browser's draft of a new graph is no longer needed.
        writeDraft(window.localStorage, emptyDocument());
        return r;
      } catch (err) {
        setNotice({ kind: 'error', text: `Could not save: ${errorMessage(err)}` });
        return null;
      }
    },
    [graphId, save, store],
  );

  const doImport = useCallback(
    async (file: File) => {
      try {
        const r = await client.graphs.importFile.mutate({ text: await file.text() });
        store.load(r.document);
        setGraphId(null);
        setSavedVersion(null);
        window.history.replaceState(null, '', '/editor');
        const migrated = r.migratedFrom ? ` (migrated from version ${r.migratedFrom})` : '';
        setNotice({ kind: 'ok', text: `Imported “${r.document.name}” from ${file.name}${migrated}.` });
      } catch (err) {
        setNotice({ kind: 'error', text: `Could not import ${file.name}.`, details: errorDetails(err) });
      }
    },
    [client, store],
  );

  const doRun = useCallback(async () => {
    try {
      const r = await start.mutateAsync({ document: store.toDocument(), graphId: graphId ?? undefined });
      // The run page links back here: a saved graph by id, an unsaved one to this editor page (its draft).
      const from = `${window.location.pathname}${window.location.search}`;
      router.push(`/runs/${r.runId}${graphId ? '' : `?from=${encodeURIComponent(from)}`}`);
    } catch (err) {
      setNotice({ kind: 'error', text: `Could not start the run.`, details: errorDetails(err) });
    }
  }, [start, store, router, graphId]);

  const doExport = useCallback(() => downloadDocument(store.toDocument()), [store]);

  return { graphId, savedVersion, notice, setNotice, doSave, saving: save.isPending, doImport, doRun, starting: start.isPending, doExport };
}
