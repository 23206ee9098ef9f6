'use client';

import type { EditorStore } from './editor-store';
import { useEditorState } from './use-editor';
import type { GraphCheck } from './use-graph-check';
import type { GraphIssue } from './validation';

const titleStyle = { textTransform: 'uppercase', fontWeight: 600, letterSpacing: 0.4, marginBottom: 8 } as const;

/** The side panel when no single node is selected: the graph's description, objective and problems. */
export function GraphPanel({ store, check, readOnly }: { store: EditorStore; check: GraphCheck; readOnly: boolean }) {
  const state = useEditorState(store);
  return (
    <div>
      <div className="section-title subtle small" style={titleStyle}>
        Graph
      </div>
      <h2>{state.name}</h2>
      {readOnly ? (
        state.description && <p className="subtle">{state.description}</p>
      ) : (
        <div className="field">
          <label htmlFor="graph-description">Description</label>
          <textarea id="graph-description" rows={5} style={{ width: '100%' }} value={state.description} onChange={(e) => store.setDescription(e.target.value)} />
        </div>
      )}
      {state.metadata.taxonomy && <span className={`tag ${state.metadata.taxonomy}`}>{state.metadata.taxonomy}</span>}
      {state.nodes.length === 0 ? (
        <div className="section subtle small" style={{ marginTop: 18 }} data-testid="empty-graph-help">
          Add a node to begin: its problems and the compiled objective appear here as you build.
        </div>
      ) : (
        <>
          <div className="section" style={{ marginTop: 18 }}>
            <div className="section-title subtle small" style={titleStyle}>
              Compiled objective
            </div>
            {check.objective ? <div className="docs"><div className="formula">{check.objective}</div></div> : <div className="subtle small">Fix the errors below to see the loss this graph optimises.</div>}
          </div>
          <Problems store={store} issues={[...check.errors, ...check.warnings]} />
        </>
      )}
      {!readOnly && <Shortcuts />}
    </div>
  );
}

function Problems({ store, issues }: { store: EditorStore; issues: GraphIssue[] }) {
  return (
    <div className="section" style={{ marginTop: 18 }}>
      <div className="section-title subtle small" style={titleStyle}>
        Problems
      </div>
      {issues.length === 0 ? (
        <div className="banner ok small">No problems found.</div>
      ) : (
        <ul className="issue-list" data-testid="issue-list">
          {issues.map((i, k) => (
            <li key={k} className={i.severity}>
              <button
                className="issue-button"
                onClick={() => {
                  if (i.nodeId) store.select([i.nodeId]);
                  else if (i.edgeId) store.select([], [i.edgeId]);
                }}
              >
                <strong>{i.nodeId ?? (i.edgeId ? `edge ${i.edgeId}` : 'graph')}</strong>: {i.message}
                {i.hint && <div style={{ opacity: 0.85, marginTop: 2 }}>{i.hint}</div>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Shortcuts() {
  return (
    <div className="section subtle small" style={{ marginTop: 24, lineHeight: 1.7 }}>
      <div className="section-title" style={titleStyle}>
        Shortcuts
      </div>
      <div>
        <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> add node · <kbd>Del</kbd> delete
      </div>
      <div>
        <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo · <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Z</kbd> redo
      </div>
      <div>
        <kbd>Ctrl</kbd>+<kbd>C</kbd> / <kbd>Ctrl</kbd>+<kbd>V</kbd> copy / paste
      </div>
    </div>
  );
}
