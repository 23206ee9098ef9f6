/**
 * The compile/validate answer as the editor uses it: issues grouped by node and field, and a
 * short shape text per node. Mirrors graph.validate / graph.compile's output.
 */
export interface GraphIssue {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint?: string | null;
  readonly nodeId?: string | null;
  readonly edgeId?: string | null;
  readonly field?: string | null;
}

export interface NodeIssues {
  readonly errors: GraphIssue[];
  readonly warnings: GraphIssue[];
  /** First error per param key, for inline form messages. */
  readonly fields: Record<string, string>;
}

export function groupIssues(errors: readonly GraphIssue[], warnings: readonly GraphIssue[], edgeTargets: ReadonlyMap<string, string>): Map<string, NodeIssues> {
  const out = new Map<string, NodeIssues>();
  const slot = (id: string) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = { errors: [], warnings: [], fields: {} }));
    return s;
  };
  for (const issue of [...errors, ...warnings]) {
    // An edge's issue is shown on the node it feeds.
    const nodeId = issue.nodeId ?? (issue.edgeId ? edgeTargets.get(issue.edgeId) : undefined);
    if (!nodeId) continue;
    const s = slot(nodeId);
    if (issue.severity === 'error') {
      s.errors.push(issue);
      if (issue.field) {
        const key = issue.field.split('.')[0]!;
        s.fields[key] ??= issue.message;
      }
    } else s.warnings.push(issue);
  }
  return out;
}

/** A compact text for a node's inferred shape info (e.g. "in 2 → out 10"), whatever its exact form. */
export function shapeText(shape: unknown): string | null {
  if (shape === null || shape === undefined) return null;
  if (typeof shape === 'string') return shape;
  if (typeof shape === 'number') return String(shape);
  if (Array.isArray(shape)) return `[${shape.map((s) => shapeText(s) ?? '?').join('×')}]`;
  if (typeof shape === 'object') {
    const { width, classes } = shape as { width?: unknown; classes?: unknown };
    if (typeof width === 'number' || typeof classes === 'number') {
      return [typeof width === 'number' ? `width ${width}` : null, typeof classes === 'number' ? `${classes} classes` : null].filter(Boolean).join(' · ');
    }
    const parts = Object.entries(shape as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
      .map(([k, v]) => `${k} ${String(v)}`);
    return parts.length ? parts.join(' · ') : null;
  }
  return null;
}
