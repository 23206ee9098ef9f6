'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useRef, useState } from 'react';
import type { GraphDocument } from '../../formats/graph-document';
import { useTRPC, useTRPCClient } from '../lib/trpc';
import { errorMessage } from '../lib/error-message';
import { draftKey, readDraft, writeDraft } from './draft-storage';
import { emptyDocument, type EditorStore } from './editor-store';
import { GraphEditor } from './graph-editor';
import type { GraphCheck } from './use-graph-check';

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
  const uploadList = (uploads.data?.uploads ?? []).map((u) => ({ id: u.id, name: u.name }));
  return (
    <GraphEditor
      key={key}
      catalog={catalog.data}
      initialDocument={doc}
      layoutOnOpen={!!templateId && !draft}
      onStore={keepDraft}
      uploads={uploadList}
      actions={(ctx) => (
        <>
          {draft && (
            <button
              className="btn ghost small"
              title="Forget the unsaved edits kept in this browser and reopen the original"
              onClick={() => {
                writeDraft(source === 'new' ? window.localStorage : window.sessionStorage, emptyDocument(), draftKey(source));
                window.location.reload();
              }}
            >
              Discard local edits
            </button>
          )}
          <EditorActions {...ctx} initialGraphId={graphId} />
        </>
      )}
    />
  );
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'graph';
}

function EditorActions({ store, check, initialGraphId }: { store: EditorStore; check: GraphCheck; initialGraphId: string | null }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const [graphId, setGraphId] = useState(initialGraphId);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string; details?: string[] } | null>(null);
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const save = useMutation(trpc.graphs.save.mutationOptions());
  const start = useMutation(trpc.runs.start.mutationOptions());
  const history = useQuery({ ...trpc.graphs.history.queryOptions({ id: graphId ?? '' }), enabled: !!graphId && historyOpen });

  const doSave = useCallback(async (): Promise<string | null> => {
    try {
      const r = await save.mutateAsync({ id: graphId ?? undefined, document: store.toDocument() });
      setGraphId(r.id);
      setSavedVersion(r.version);
      window.history.replaceState(null, '', `/?graph=${encodeURIComponent(r.id)}`);
      setNotice({ kind: 'ok', text: `Saved “${store.getState().name}” as version ${r.version}.` });
      // Saved: the browser's draft of a new graph is no longer needed.
      writeDraft(window.localStorage, emptyDocument());
      return r.id;
    } catch (err) {
      setNotice({ kind: 'error', text: `Could not save: ${errorMessage(err)}` });
      return null;
    }
  }, [graphId, save, store]);

  const doExport = () => {
    const doc = store.toDocument();
    const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${slug(doc.name)}.stepstone.json`;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const doImport = async (file: File) => {
    try {
      const text = await file.text();
      const r = await client.graphs.importFile.mutate({ text });
      store.load(r.document);
      setGraphId(null);
      setSavedVersion(null);
      window.history.replaceState(null, '', '/');
      const migrated = r.migratedFrom ? ` (migrated from version ${r.migratedFrom})` : '';
      setNotice({ kind: 'ok', text: `Imported “${r.document.name}” from ${file.name}${migrated}.` });
    } catch (err) {
      setNotice({ kind: 'error', text: `Could not import ${file.name}.`, details: errorDetails(err) });
    }
  };

  const doShare = async () => {
    const id = await doSave();
    if (!id) return;
    try {
      const r = await client.graphs.share.mutate({ id });
      setShareUrl(`${window.location.origin}/share/${r.token}`);
    } catch (err) {
      setNotice({ kind: 'error', text: `Could not create a share link: ${errorMessage(err)}` });
    }
  };

  const doPublish = async () => {
    const doc = store.toDocument();
    try {
      await client.templates.saveAsTemplate.mutate({ title: doc.name, description: doc.description, taxonomy: doc.metadata.taxonomy, document: doc });
      setNotice({ kind: 'ok', text: `Published “${doc.name}” to the templates gallery.` });
    } catch (err) {
      setNotice({ kind: 'error', text: 'Could not publish the template.', details: errorDetails(err) });
    }
  };

  const doRun = async () => {
    try {
      const r = await start.mutateAsync({ document: store.toDocument() });
      router.push(`/runs/${r.runId}`);
    } catch (err) {
      setNotice({ kind: 'error', text: `Could not start the run.`, details: errorDetails(err) });
    }
  };

  const hasErrors = check.errors.length > 0;
  return (
    <>
      {savedVersion !== null && <span className="subtle small">v{savedVersion}</span>}
      <button className="btn" onClick={() => void doSave()} disabled={save.isPending} title="Save a new version">
        {save.isPending ? 'Saving…' : 'Save'}
      </button>
      <button className="btn ghost" onClick={() => setHistoryOpen((o) => !o)} disabled={!graphId} title="Saved versions">
        History
      </button>
      <button className="btn ghost" onClick={doExport} title="Download the graph as a .json file">
        Export
      </button>
      <button className="btn ghost" onClick={() => fileRef.current?.click()} title="Open a .json graph file">
        Import
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void doImport(f);
        }}
      />
      <button className="btn ghost" onClick={() => void doShare()} title="Save and create a read-only link">
        Share
      </button>
      <button className="btn ghost" onClick={() => void doPublish()} title="Add this graph to the templates gallery">
        Publish
      </button>
      <span className="sep" />
      <button className="btn primary" onClick={() => void doRun()} disabled={hasErrors || check.pending || start.isPending} title={hasErrors ? 'Fix the errors first' : 'Train this graph'}>
        {start.isPending ? 'Starting…' : '▶ Run'}
      </button>

      {notice && (
        <div className="modal-backdrop" onClick={() => setNotice(null)}>
          <div className="modal" role="dialog" aria-label={notice.kind === 'error' ? 'Error' : 'Done'} onClick={(e) => e.stopPropagation()}>
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
              <button className="btn" onClick={() => setNotice(null)} autoFocus>
                Close
              </button>
            </div>
          </div>
        </div>
      )}
      {shareUrl && (
        <div className="modal-backdrop" onClick={() => setShareUrl(null)}>
          <div className="modal" role="dialog" aria-label="Share link" onClick={(e) => e.stopPropagation()}>
            <h2>Read-only link</h2>
            <p className="subtle">Anyone with this link can view this version of the graph, but not change it.</p>
            <div className="row">
              <input type="text" readOnly value={shareUrl} style={{ flex: 1 }} data-testid="share-url" onFocus={(e) => e.target.select()} />
              <button className="btn" onClick={() => void navigator.clipboard?.writeText(shareUrl)}>
                Copy
              </button>
            </div>
            <div className="row" style={{ marginTop: 14, justifyContent: 'flex-end' }}>
              <a className="btn" href={shareUrl} target="_blank" rel="noreferrer">
                Open
              </a>
              <button className="btn primary" onClick={() => setShareUrl(null)}>
                Done
              </button>
            </div>
          </div>
        </div>
      )}
      {historyOpen && graphId && (
        <div className="modal-backdrop" onClick={() => setHistoryOpen(false)}>
          <div className="modal" role="dialog" aria-label="Versions" onClick={(e) => e.stopPropagation()}>
            <h2>Versions</h2>
            {history.isLoading && <div className="subtle">Loading…</div>}
            {history.error && <div className="banner error">{errorMessage(history.error)}</div>}
            <table className="data">
              <tbody>
                {(history.data ?? []).map((v) => (
                  <tr key={v.version}>
                    <td>v{v.version}</td>
                    <td>{v.name}</td>
                    <td className="subtle small">{new Date(v.createdAt).toLocaleString()}</td>
                    <td className="num">
                      <a href={`/?graph=${encodeURIComponent(graphId)}&version=${v.version}`}>Open</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="row" style={{ marginTop: 14, justifyContent: 'flex-end' }}>
              <button className="btn" onClick={() => setHistoryOpen(false)}>
                Close
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

/** The messages of a tRPC error, one per zod issue or line, for display. */
function errorDetails(err: unknown): string[] {
  const data = (err as { data?: { zodIssues?: Array<{ path: string[]; message: string }> | null } })?.data;
  if (data?.zodIssues?.length) return data.zodIssues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return errorMessage(err)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
