'use client';

import { useRef, useState, type ReactNode } from 'react';
import { NARROW_QUERY, useMediaQuery } from '../lib/use-media-query';
import { BrowserRunButton } from '../runs/browser/browser-run-button';
import type { EditorStore } from './editor-store';
import { HistoryDialog } from './history-dialog';
import { NoticeDialog } from './notice-dialog';
import { OverflowMenu } from './overflow-menu';
import { PublishDialog } from './publish-dialog';
import { ShareDialog } from './share-dialog';
import { SweepRunButton } from './sweep-run-button';
import { useEditorState } from './use-editor';
import { useGraphActions } from './use-graph-actions';
import type { GraphCheck } from './use-graph-check';

interface Props {
  store: EditorStore;
  check: GraphCheck;
  initialGraphId: string | null;
  /** Extra secondary actions (e.g. discard local edits), shown with the others. */
  extra?: ReactNode;
}

type Dialog = 'history' | 'share' | 'publish' | null;

/** Save and Run stay in view; the rest move into a "More" menu on narrow screens. */
export function EditorActions({ store, check, initialGraphId, extra }: Props) {
  const a = useGraphActions(store, initialGraphId);
  const sweeping = useEditorState(store).sweeps.length > 0;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [shareVersion, setShareVersion] = useState<number | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const narrow = useMediaQuery(NARROW_QUERY);

  const share = async () => {
    // Saving an unchanged graph reuses its newest version: repeated shares add no versions.
    const saved = await a.doSave({ quiet: true });
    if (!saved) return;
    setShareVersion(saved.version);
    setDialog('share');
  };
  const importFile = (f: File) => {
    const empty = store.getState().nodes.length === 0;
    if (empty || window.confirm(`Replace the graph on the canvas with ${f.name}? Unsaved changes are lost (undo cannot bring them back).`)) void a.doImport(f);
  };
  const secondary = (
    <>
      {extra}
      <button className="btn ghost" onClick={() => setDialog('history')} disabled={!a.graphId} title="Saved versions: notes, compare, restore">
        History
      </button>
      <button className="btn ghost" onClick={a.doExport} title="Download the graph as a .json file">
        Export
      </button>
      <button className="btn ghost" onClick={() => fileRef.current?.click()} title="Open a .json graph file">
        Import
      </button>
      <button className="btn ghost" onClick={() => void share()} title="Save and create a read-only link">
        Share
      </button>
      <button className="btn ghost" onClick={() => setDialog('publish')} title="Add this graph to the templates gallery">
        Publish
      </button>
    </>
  );
  const hasErrors = check.errors.length > 0;
  return (
    <>
      {a.savedVersion !== null && <span className="subtle small">v{a.savedVersion}</span>}
      <button className="btn" onClick={() => void a.doSave()} disabled={a.saving} title="Save a new version">
        {a.saving ? 'Saving…' : 'Save'}
      </button>
      {narrow ? <OverflowMenu>{secondary}</OverflowMenu> : secondary}
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) importFile(f);
        }}
      />
      <span className="sep" />
      <SweepRunButton store={store} graphId={a.graphId} disabled={hasErrors || check.pending} onNotice={a.setNotice} />
      {!sweeping && <BrowserRunButton document={() => store.toDocument()} graphId={a.graphId} graphVersion={a.savedVersion} canSave disabled={hasErrors || check.pending} />}
      {!sweeping && (
        <button className="btn primary" onClick={() => void a.doRun()} disabled={hasErrors || check.pending || a.starting} title={hasErrors ? 'Fix the errors first' : 'Train this graph'}>
          {a.starting ? 'Starting…' : '▶ Run'}
        </button>
      )}
      {a.notice && <NoticeDialog notice={a.notice} onClose={() => a.setNotice(null)} />}
      {dialog === 'share' && a.graphId && shareVersion !== null && <ShareDialog graphId={a.graphId} version={shareVersion} onClose={() => setDialog(null)} />}
      {dialog === 'publish' && <PublishDialog document={store.toDocument()} onClose={() => setDialog(null)} onPublished={(text) => (setDialog(null), a.setNotice({ kind: 'ok', text }))} />}
      {dialog === 'history' && a.graphId && (
        <HistoryDialog
          store={store}
          graphId={a.graphId}
          onClose={() => setDialog(null)}
          onSave={(note) => a.doSave({ message: note, quiet: true })}
          onRestored={(v) => window.location.assign(`/editor?graph=${encodeURIComponent(a.graphId!)}&version=${v}`)}
        />
      )}
    </>
  );
}
