'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { categoryColors, categoryLabels, searchCatalog, type NodeCatalogEntry } from './catalog';

/** Pointer travel that turns a press on a palette item into a drag. */
const DRAG_THRESHOLD = 6;

interface Props {
  entries: readonly NodeCatalogEntry[];
  onPick: (type: string) => void;
  onClose: () => void;
  /** A palette item was dragged and released at this screen point (the canvas decides whether it lands). */
  onDropAt?: (type: string, at: { x: number; y: number }) => void;
  /** Shown above the search (e.g. "Nodes that take a Domain data set"). */
  heading?: string;
}

/** Pointer drag (not HTML drag-and-drop): past a small threshold the palette fades and lets the pointer through to the canvas. */
function dragToCanvas(onDropAt: Props['onDropAt'], setDragging: (d: boolean) => void) {
  return (type: string, down: React.PointerEvent) => {
    if (!onDropAt || down.button !== 0) return;
    const start = { x: down.clientX, y: down.clientY };
    let moved = false;
    const move = (e: PointerEvent) => {
      if (!moved && Math.hypot(e.clientX - start.x, e.clientY - start.y) > DRAG_THRESHOLD) {
        moved = true;
        setDragging(true);
      }
    };
    const up = (e: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      if (!moved) return;
      setDragging(false);
      onDropAt(type, { x: e.clientX, y: e.clientY });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
}

function PaletteItem({ entry: e, active, onPointerDown, onMouseEnter, onClick }: { entry: NodeCatalogEntry; active: boolean; onPointerDown: (ev: React.PointerEvent) => void; onMouseEnter: () => void; onClick: () => void }) {
  return (
    <li role="option" aria-selected={active} className={active ? 'active' : undefined} data-node-kind={e.type} onPointerDown={onPointerDown} onMouseEnter={onMouseEnter} onClick={onClick}>
      <span className="cat-dot" style={{ background: categoryColors[e.category] }} />
      <div>
        <div className="title">
          {e.title} <span className="subtle small">· {categoryLabels[e.category]}</span>
        </div>
        <div className="summary">{e.docs.summary}</div>
      </div>
    </li>
  );
}

/**
 * Search-to-add: type to filter by title, category or docs; ↑/↓ and Enter to add; Esc to close.
 * Items can also be dragged onto the canvas: the palette fades out of the way while dragging.
 */
export function NodePalette({ entries, onPick, onClose, onDropAt, heading }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [dragging, setDragging] = useState(false);
  const results = useMemo(() => searchCatalog(entries, query), [entries, query]);
  const listRef = useRef<HTMLUListElement>(null);
  const safeActive = Math.min(active, Math.max(0, results.length - 1));

  useEffect(() => {
    listRef.current?.querySelector('li.active')?.scrollIntoView({ block: 'nearest' });
  }, [safeActive]);

  const startDrag = dragToCanvas(onDropAt, setDragging);

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
            <PaletteItem key={e.type} entry={e} active={i === safeActive} onPointerDown={(ev) => startDrag(e.type, ev)} onMouseEnter={() => setActive(i)} onClick={() => onPick(e.type)} />
          ))}
          {results.length === 0 && <li className="subtle">No node matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
