'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { GraphDocument } from '../../formats/graph-document';
import { useTRPC } from '../lib/trpc';
import { errorMessage } from '../lib/error-message';
import { draftKey, readDraft, writeDraft } from './draft-storage';
import { EditorActions } from './editor-actions';
import { type EditorStore } from './editor-store';
import { emptyDocument } from './editor-document';
import { GraphEditor } from './graph-editor';

interface Props {
  templateId: string | null;
  graphId: string | null;
  version: number | null;
}

/** Loads the catalog and the document to edit (template, saved graph or a new one), then the editor. */
export function EditorScreen({ templateId, graphId, version }: Props) {
  const trpc = useTRPC();
  const catalog = useQuery(trpc.nodes.list.queryOptions());
  const template = useQuery({ ...trpc.templates.get.queryOptions({ id: templateId ?? '' }), enabled: !!templateId });
  const graph = useQuery({ ...trpc.graphs.get.queryOptions({ id: graphId ?? '' }), enabled: !!graphId && !version });
  const graphVersion = useQuery({ ...trpc.graphs.getVersion.queryOptions({ id: graphId ?? '', version: version ?? 1 }), enabled: !!graphId && !!version });
  const uploads = useQuery(trpc.datasets.list.queryOptions());
  // Unsaved edits come back from the browser's storage: a new graph across sessions (localStorage),
  // a template or saved version for this tab (sessionStorage), e.g. after visiting a run and returning.
  const source = templateId ? `t:${templateId}` : graphId ? `g:${graphId}:${version ?? 'latest'}` : 'new';
  const storage = () => (source === 'new' ? window.localStorage : window.sessionStorage);
  const [draft] = useState(() => (typeof window === 'undefined' ? null : readDraft(storage(), draftKey(source))));
  const keepDraft = useCallback(
    (store: EditorStore) => {
      let timer = 0;
      const off = store.subscribe(() => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => writeDraft(source === 'new' ? window.localStorage : window.sessionStorage, store.toDocument(), draftKey(source)), 400);
      });
      return () => {
        off();
        window.clearTimeout(timer);
      };
    },
    [source],
  );

  const failed = catalog.error ?? template.error ?? graph.error ?? graphVersion.error;
  if (failed) return <div className="page"><div className="banner error">Could not open the editor: {errorMessage(failed)}</div></div>;

  let doc: GraphDocument | undefined;
  let key = 'new';
  if (draft) {
    doc = draft;
    key = `d:${source}`;
  } else if (templateId) {
    doc = template.data?.document;
    key = `t:${templateId}`;
  } else if (graphId && version) {
    doc = graphVersion.data?.document;
    key = `g:${graphId}:${version}`;
  } else if (graphId) {
    doc = graph.data?.document;
    key = `g:${graphId}`;
  } else doc = emptyDocument();

  if (!catalog.data || !doc) return <div className="empty">Loading the editor…</div>;
  const uploadList = (uploads.data?.uploads ?? []).map((u) => ({ id: u.id, name: u.name, thumbnail: u.thumbnail, model: u.metadata.model ?? null }));
  return (
    <GraphEditor
      key={key}
      catalog={catalog.data}
      initialDocument={doc}
      layoutOnOpen={!!templateId && !draft}
      onStore={keepDraft}
      uploads={uploadList}
      actions={(ctx) => (
        <EditorActions
          {...ctx}
          initialGraphId={graphId}
          extra={
            draft && (
              <button
                className="btn ghost"
                title="Forget the unsaved edits kept in this browser and reopen the original"
                onClick={() => {
                  writeDraft(source === 'new' ? window.localStorage : window.sessionStorage, emptyDocument(), draftKey(source));
                  window.location.reload();
                }}
              >
                Discard local edits
              </button>
            )
          }
        />
      )}
    />
  );
}
