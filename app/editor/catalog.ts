import type { NodeCategory, PortSpec, Taxonomy } from '../../nodes/core/define-node';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/api/root';
import type { NodeSpec } from './editor-document';

/** One node kind as nodes.list sends it (the registry's catalog JSON after serialisation). */
export type NodeCatalogEntry = inferRouterOutputs<AppRouter>['nodes']['list'][number];

/** What the palette and the store read from a catalog entry (the registry's or its JSON form). */
export interface CatalogEntryLike {
  readonly type: string;
  readonly version: number;
  readonly title: string;
  readonly category: NodeCategory;
  readonly taxonomy?: Taxonomy | null;
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly docs: { readonly summary: string; readonly formula?: string; readonly whenItHelps: string; readonly whenItHurts: string };
}

export const categoryColors: Record<NodeCategory, string> = {
  data: '#2563eb',
  model: '#7c3aed',
  adaptation: '#dc2626',
  training: '#ea580c',
  evaluation: '#0f766e',
};

export const categoryLabels: Record<NodeCategory, string> = {
  data: 'Data',
  model: 'Model',
  adaptation: 'Adaptation',
  training: 'Training',
  evaluation: 'Evaluation',
};

export function toNodeSpec(e: CatalogEntryLike): NodeSpec {
  return { type: e.type, version: e.version, category: e.category, taxonomy: e.taxonomy ?? undefined, title: e.title, inputs: e.inputs, outputs: e.outputs, defaults: e.defaults };
}

/** Rank catalog entries for a palette query: title first, then category, type and docs. */
export function searchCatalog<E extends CatalogEntryLike>(entries: readonly E[], query: string): E[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  const scored: Array<{ e: E; score: number }> = [];
  for (const e of entries) {
    const title = e.title.toLowerCase();
    const meta = `${e.category} ${e.taxonomy ?? ''} ${e.type}`.toLowerCase();
    const docs = `${e.docs.summary} ${e.docs.formula ?? ''} ${e.docs.whenItHelps} ${e.docs.whenItHurts}`.toLowerCase();
    let score = 0;
    let all = true;
    for (const w of words) {
      if (title.startsWith(w)) score += 10;
      else if (title.includes(w)) score += 6;
      else if (meta.includes(w)) score += 4;
      else if (docs.includes(w)) score += 1;
      else all = false;
    }
    if (all) scored.push({ e, score });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.e);
}
