import type { GraphEdge, GraphNode } from '../../formats/graph-document';
import { limits } from '../../formats/limits';
import { canConnect as portTypesMatch } from '../../nodes/core/port-types';
import type { ConnectCheck, Connection, NodeSpec } from './editor-document';

/** Whether a connection is legal: ports exist, types match, no self-loop, duplicate or cycle. */
export function checkConnection(nodes: readonly GraphNode[], edges: readonly GraphEdge[], specs: ReadonlyMap<string, NodeSpec>, c: Connection): ConnectCheck {
  const from = nodes.find((n) => n.id === c.source);
  const to = nodes.find((n) => n.id === c.target);
  if (!from || !to) return { ok: false, reason: 'Both ends must be nodes of this graph.' };
  if (c.source === c.target) return { ok: false, reason: 'A node cannot connect to itself.' };
  const out = specs.get(from.type)?.outputs.find((p) => p.name === c.sourcePort);
  const inp = specs.get(to.type)?.inputs.find((p) => p.name === c.targetPort);
  if (!out) return { ok: false, reason: `"${from.type}" has no output "${c.sourcePort}".` };
  if (!inp) return { ok: false, reason: `"${to.type}" has no input "${c.targetPort}".` };
  if (!portTypesMatch(out.type, inp.type)) {
    return { ok: false, reason: `Cannot connect ${out.type} output "${out.label}" to ${inp.type} input "${inp.label}".` };
  }
  if (edges.some((e) => e.source === c.source && e.sourcePort === c.sourcePort && e.target === c.target && e.targetPort === c.targetPort)) {
    return { ok: false, reason: 'These ports are already connected.' };
  }
  if (reaches(edges, c.target, c.source)) return { ok: false, reason: 'This connection would make a cycle.' };
  return { ok: true };
}

/** Whether `to` can be reached from `from` along the edges. */
function reaches(edges: readonly GraphEdge[], from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur === to) return true;
    if (seen.has(cur)) continue;
    seen.add(cur);
    for (const e of edges) if (e.source === cur) stack.push(e.target);
  }
  return false;
}

/** A readable id for a new node of `type`, not in `taken`. */
export function freshNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = type.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, limits.maxIdLength - 6) || 'node';
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!taken.has(id)) return id;
  }
}

/** The highest n of the edges named `e<n>` (0 when none). */
export function maxEdgeNumber(edges: readonly GraphEdge[]): number {
  let max = 0;
  for (const e of edges) {
    const m = /^e(\d+)$/.exec(e.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** A fresh `e<n>` edge id. */
export function freshEdgeId(edges: readonly GraphEdge[]): string {
  const taken = new Set(edges.map((e) => e.id));
  let n = maxEdgeNumber(edges) + 1;
  while (taken.has(`e${n}`)) n++;
  return `e${n}`;
}
