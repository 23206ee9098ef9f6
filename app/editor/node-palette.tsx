'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { categoryColors, categoryLabels, searchCatalog, type NodeCatalogEntry } from './catalog';

/** The drag-and-drop type carrying a node kind from the palette to the canvas. */
export const NODE_DRAG_TYPE = 'application/x-stepstone-node';

interface Props {
  entries: readonly NodeCatalogEntry[];
  onPick: (type: string) => void;
  onClose: () => void;
  /** Shown above the search (e.g. "Nodes that take a Domain data set"). */
  heading?: string;
}

/**
 * Search-to-add: type to filter by title, category or docs; ↑/↓ and Enter to add; Esc to close.
 * Items can also be dragged onto the canvas: the palette fades out of the way while dragging.
 */
export function NodePalette({ entries, onPick, onClose, heading }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [dragging, setDragging] = useState(false);
  const results = useMemo(() => searchCatalog(entries, query), [entries, query]);
  const listRef = useRef<HTMLUListElement>(null);
  const safeActive = Math.min(active, Math.max(0, results.length - 1));

  useEffect(() => {
    listRef.current?.querySelector('li.active')?.scrollIntoView({ block: 'nearest' });
  }, [safeActive]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      const pick = results[safeActive];
      if (pick) onPick(pick.type);
    } else if (e.key === 'Escape') onClose();
  };

  return (
    <div className={`palette-backdrop${dragging ? ' dragging' : ''}`} onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-label="Add a node" onMouseDown={(e) => e.stopPropagation()}>
        {heading && <div className="palette-heading small">{heading}</div>}
        <input
          autoFocus
          type="search"
          placeholder="Search nodes — e.g. “MMD”, “adaptation”, “negative transfer”"
          aria-label="Search nodes"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul ref={listRef} role="listbox" aria-label="Node kinds">
          {results.map((e, i) => (
            <li
              key={e.type}
              role="option"
              aria-selected={i === safeActive}
              className={i === safeActive ? 'active' : undefined}
              data-node-kind={e.type}
              draggable
              onDragStart={(ev) => {
                ev.dataTransfer.setData(NODE_DRAG_TYPE, e.type);
                ev.dataTransfer.effectAllowed = 'copy';
                setDragging(true);
              }}
              onDragEnd={onClose}
              onMouseEnter={() => setActive(i)}
              onClick={() => onPick(e.type)}
            >
              <span className="cat-dot" style={{ background: categoryColors[e.category] }} />
              <div>
                <div className="title">
                  {e.title} <span className="subtle small">· {categoryLabels[e.category]}</span>
                </div>
                <div className="summary">{e.docs.summary}</div>
              </div>
            </li>
          ))}
          {results.length === 0 && <li className="subtle">No node matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
