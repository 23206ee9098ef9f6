'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { EditorStore } from './editor-store';

/** A port chosen from the keyboard, waiting for the port at the other end. */
export interface ArmedPort {
  readonly nodeId: string;
  readonly port: string;
  readonly handleType: 'source' | 'target';
}

interface PortKeys {
  readonly armed: ArmedPort | null;
  /** Enter on a port: choose it, or connect it to the chosen one. */
  press(p: ArmedPort, label: string, el: HTMLElement): void;
}

const Context = createContext<PortKeys | null>(null);
export const PortKeysProvider = Context.Provider;
/** Null in read-only views: ports are not keyboard targets there. */
export const usePortKeys = () => useContext(Context);

const same = (a: ArmedPort | null, b: ArmedPort) => !!a && a.nodeId === b.nodeId && a.port === b.port && a.handleType === b.handleType;

/**
 * Connecting from the keyboard: Enter on an output port, then Enter on an input port (or the other way
 * round). Escape cancels. Refusals give their reason like a dragged wire's.
 */
export function useKeyboardConnect(store: EditorStore, refuse: (reason: string, at: { x: number; y: number }) => void, announce: (text: string) => void): PortKeys {
  const [armed, setArmed] = useState<ArmedPort | null>(null);
  useEffect(() => {
    if (!armed) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setArmed(null);
      announce('Connection cancelled');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [armed, announce]);

  const press = useCallback(
    (p: ArmedPort, label: string, el: HTMLElement) => {
      if (!armed || same(armed, p) || armed.handleType === p.handleType) {
        const next = same(armed, p) ? null : p;
        setArmed(next);
        announce(next ? `${label} chosen: now press Enter on the ${p.handleType === 'source' ? 'input' : 'output'} to connect it to (Escape cancels)` : 'Connection cancelled');
        return;
      }
      const [out, inp] = armed.handleType === 'source' ? [armed, p] : [p, armed];
      const r = store.connect({ source: out.nodeId, sourcePort: out.port, target: inp.nodeId, targetPort: inp.port });
      setArmed(null);
      if (r.ok) announce(`Connected ${out.nodeId}.${out.port} to ${inp.nodeId}.${inp.port}`);
      else {
        const box = el.getBoundingClientRect();
        refuse(r.reason, { x: box.right, y: box.top });
      }
    },
    [armed, store, refuse, announce],
  );
  return useMemo(() => ({ armed, press }), [armed, press]);
}
