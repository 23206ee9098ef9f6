'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { RunEvent } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';
import { BROWSER_BACKENDS, BROWSER_RUNTIME_PATH, BROWSER_WORKER_FILE, type BrowserBackend, type BrowserUploadSource, type FromBrowserWorker, type ToBrowserWorker } from '../../../formats/browser-worker-protocol';
import { initialRunView, reduceRunEvent, type RunViewState } from '../run-view-state';

export type BrowserRunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface BrowserRunState {
  /** This run's id (a new one each time it is started): its page is /runs/local/<id> once it ends. */
  readonly runId: string;
  readonly status: BrowserRunStatus;
  readonly view: RunViewState;
  readonly events: readonly RunEvent[];
  readonly error: string | null;
  /** An export node's files, from the worker (a browser run has no artifact folder). */
  readonly modelFiles: { name: string; files: { name: string; data: Uint8Array }[] } | null;
}

type Action = { type: 'start'; runId: string } | { type: 'modelFiles'; name: string; files: { name: string; data: Uint8Array }[] } | { type: 'events'; events: RunEvent[] } | { type: 'end'; status: BrowserRunStatus; error?: string };

const fresh: BrowserRunState = { runId: '', status: 'running', view: initialRunView, events: [], error: null, modelFiles: null };

/** The run page's own fold (run-view-state.ts) over the worker's events, plus the events kept for export and save. */
function reducer(s: BrowserRunState, a: Action): BrowserRunState {
  if (a.type === 'start') return { ...fresh, runId: a.runId };
  if (a.type === 'modelFiles') return { ...s, modelFiles: { name: a.name, files: a.files } };
  if (a.type === 'end') return { ...s, status: a.status, error: a.error ?? null };
  let view = s.view;
  for (const e of a.events) view = reduceRunEvent(view, e);
  return { ...s, view, events: [...s.events, ...a.events] };
}

/** 'auto': WebGPU → WebGL → WASM, the first that initialises; otherwise only the one asked for. */
export type BackendChoice = 'auto' | BrowserBackend;

/**
 * Trains `plan` in a Web Worker of this page (public/runtime/stepstone-worker.js, built from
 * server/runtime/browser/browser-worker.ts) and folds its events as the run page does. `run` (re)starts it,
 * `cancel` stops the worker at once. Nothing leaves the browser (uploads are Blobs handed to the worker).
 */
export function useBrowserRun(plan: TrainingPlan, uploads?: Readonly<Record<string, BrowserUploadSource>>) {
  const [state, dispatch] = useReducer(reducer, fresh);
  const worker = useRef<Worker | null>(null);
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  const run = useCallback(
    (choice: BackendChoice) => {
      stop();
      dispatch({ type: 'start', runId: crypto.randomUUID() });
      const w = new Worker(`${BROWSER_RUNTIME_PATH}${BROWSER_WORKER_FILE}`);
      worker.current = w;
      w.onmessage = (e: MessageEvent<FromBrowserWorker>) => {
        const msg = e.data;
        if (msg.type === 'events') dispatch({ type: 'events', events: msg.events });
        else if (msg.type === 'modelFiles') dispatch({ type: 'modelFiles', name: msg.name, files: msg.files });
        else {
          dispatch(msg.type === 'done' ? { type: 'end', status: 'succeeded' } : { type: 'end', status: 'failed', error: msg.message });
          stop();
        }
      };
      w.onerror = (e) => {
        dispatch({ type: 'end', status: 'failed', error: `The training worker failed to start: ${e.message || 'see the browser console'}` });
        stop();
      };
      const backends = choice === 'auto' ? BROWSER_BACKENDS : [choice];
      w.postMessage({ type: 'run', plan, backends, origin: window.location.origin, ...(uploads ? { uploads } : {}) } satisfies ToBrowserWorker);
    },
    [plan, uploads, stop],
  );
  const cancel = useCallback(() => {
    stop();
    dispatch({ type: 'end', status: 'cancelled' });
  }, [stop]);
  useEffect(() => stop, [stop]);
  return { state, run, cancel };
}
