'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A "More" button (a disclosure) whose panel holds toolbar actions that do not fit. Clicking an item, Escape or a
 * click outside closes it; focus returns to the button.
 */
export function OverflowMenu({ children, label = 'More' }: { children: ReactNode; label?: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    root.current?.querySelector<HTMLElement>('.menu button:not(:disabled)')?.focus();
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="overflow-menu" ref={root}>
      <button ref={button} className="btn ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {label} ▾
      </button>
      {open && (
        <div role="group" aria-label="More actions" className="menu" onClick={() => setOpen(false)}>
          {children}
        </div>
      )}
    </div>
  );
}
