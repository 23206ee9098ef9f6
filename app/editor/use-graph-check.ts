'use client';

import { useEffect, useRef, useState } from 'react';
import type { GraphDocument } from '../../formats/graph-document';
import { useTRPCClient } from '../lib/trpc';
import type { GraphIssue } from './validation';

export interface GraphCheck {
  /** The answer shown is for an older document (a request is debouncing or in flight). */
  readonly pending: boolean;
  readonly errors: readonly GraphIssue[];
  readonly warnings: readonly GraphIssue[];
  readonly shapes: Readonly<Record<string, unknown>> | null;
  readonly objective: string | null;
  /** The server could not be asked (network, 500): shown instead of a verdict. */
  readonly failure: string | null;
}

type Answer = Omit<GraphCheck, 'pending'> & { for: GraphDocument | null };

const DEBOUNCE_MS = 300;

/** Compiles the document on the server (debounced) and keeps the latest answer. */
export function useGraphCheck(document: GraphDocument): GraphCheck {
  const client = useTRPCClient();
  const [answer, setAnswer] = useState<Answer>({ for: null, errors: [], warnings: [], shapes: null, objective: null, failure: null });
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    const timer = window.setTimeout(() => {
      client.graph.compile
        .mutate({ document })
        .then((r) => {
          if (mine !== seq.current) return;
          setAnswer({
            for: document,
            errors: r.errors,
            warnings: r.warnings,
            shapes: (r.shapes ?? null) as Record<string, unknown> | null,
            objective: r.ok ? r.plan.objective : null,
            failure: null,
          });
        })
        .catch((err: unknown) => {
          if (mine !== seq.current) return;
          setAnswer((prev) => ({ ...prev, for: document, failure: `Could not check the graph: ${err instanceof Error ? err.message : String(err)}` }));
        });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [client, document]);

  const { for: checked, ...rest } = answer;
  return { ...rest, pending: checked !== document };
}
