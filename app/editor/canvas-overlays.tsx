'use client';

import type { EditorStore } from './editor-store';
import { useEditorState } from './use-editor';

/** Over the canvas: the version-comparison legend (with Clear) and the empty-canvas hint. */
export function CanvasOverlays({ store, readOnly }: { store: EditorStore; readOnly: boolean }) {
  const state = useEditorState(store);
  return (
    <>
      {Object.keys(state.highlights).length > 0 && (
        <div className="canvas-banner" data-testid="diff-banner">
          <span className="status-dot" style={{ background: '#22c55e' }} /> added
          <span className="status-dot" style={{ background: '#f59e0b' }} /> changed since the version compared
          <button className="btn small" onClick={() => store.setHighlights({})}>
            Clear
          </button>
        </div>
      )}
      {state.nodes.length === 0 && !readOnly && (
        <div className="empty" style={{ position: 'absolute', inset: '35% 0 auto', pointerEvents: 'none' }}>
          <h2>An empty canvas</h2>
          Press <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> to add a node, or <a href="/templates" style={{ pointerEvents: 'auto' }}>open a template</a>.
        </div>
      )}
    </>
  );
}
