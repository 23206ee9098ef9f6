'use client';

import { useEffect } from 'react';
import type { EditorStore } from './editor-store';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

interface Options {
  store: EditorStore;
  readOnly: boolean;
  /** A dialog of the editor (palette) has the keyboard. */
  paused: boolean;
  openPalette: () => void;
  /** Paste at a free spot (the store offsets from the copied nodes). */
  paste: () => void;
  notify: (text: string) => void;
}

/** Keyboard shortcuts on the canvas (not while typing in a field or while the palette is open). */
export function useEditorShortcuts({ store, readOnly, paused, openPalette, paste, notify }: Options): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'k') {
        e.preventDefault();
        if (!readOnly) openPalette();
        return;
      }
      if (isTyping(e.target) || paused || readOnly) return;
      if (e.key === '/') {
        e.preventDefault();
        openPalette();
      } else if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) store.redo();
        else store.undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        store.redo();
      } else if (mod && key === 'c') {
        const text = store.copy();
        if (!text) return;
        void navigator.clipboard?.writeText(text).catch(() => undefined);
        notify(`Copied ${store.getState().selectedNodes.length} node(s)`);
      } else if (mod && key === 'v') {
        paste();
      } else if (mod && key === 'a') {
        e.preventDefault();
        store.select(store.getState().nodes.map((n) => n.id));
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        store.deleteSelection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, readOnly, paused, openPalette, paste, notify]);
}
