'use client';

import type { ReactNode } from 'react';
import type { EditorStore } from './editor-store';
import { useEditorState } from './use-editor';

interface Props {
  store: EditorStore;
  readOnly: boolean;
  panelOpen: boolean;
  onTogglePanel: () => void;
  onAddNode: () => void;
  onLayout: () => void;
  onAddComment: () => void;
  /** The page's own actions (save, share, run…), right-aligned. */
  children?: ReactNode;
}

/** The editor's toolbar. Tool buttons are icons with names and tooltips; below 1360 px "Add node" is too. */
export function EditorToolbar({ store, readOnly, panelOpen, onTogglePanel, onAddNode, onLayout, onAddComment, children }: Props) {
  const state = useEditorState(store);
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Editor">
      <input className="name-input" type="text" aria-label="Graph name" value={state.name} readOnly={readOnly} onChange={(e) => store.rename(e.target.value)} />
      {readOnly && <span className="tag">Read-only</span>}
      {!readOnly && (
        <>
          <span className="sep" />
          <button className="btn" onClick={onAddNode} title="Add a node (/ or Ctrl+K)" aria-label="Add node">
            + <span className="btn-label">Add node</span>
          </button>
          <button className="btn ghost" onClick={() => store.undo()} disabled={!store.canUndo()} title="Undo (Ctrl+Z)" aria-label="Undo">
            ↶
          </button>
          <button className="btn ghost" onClick={() => store.redo()} disabled={!store.canRedo()} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
            ↷
          </button>
          <button className="btn ghost" onClick={onLayout} title="Arrange the graph left to right" aria-label="Auto-layout">
            ⇶
          </button>
          <button className="btn ghost" onClick={onAddComment} title="Add a sticky note at the centre of the view" aria-label="Add comment">
            ✎
          </button>
          <button className="btn ghost" onClick={() => store.group()} disabled={state.selectedNodes.length === 0} title="Frame the selected nodes in a titled group that moves together" aria-label="Group selected nodes">
            ▭
          </button>
        </>
      )}
      <button className="btn ghost" onClick={onTogglePanel} aria-expanded={panelOpen} aria-controls="editor-side" title={panelOpen ? 'Hide the side panel' : 'Show the side panel'} aria-label="Side panel">
        ◧
      </button>
      <span className="spacer" />
      {children}
    </div>
  );
}
