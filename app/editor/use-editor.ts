'use client';

import { useSyncExternalStore } from 'react';
import type { EditorStore } from './editor-store';
import type { EditorState } from './editor-document';

export function useEditorState(store: EditorStore): EditorState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
