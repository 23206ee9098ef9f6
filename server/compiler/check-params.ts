import type { z } from 'zod';
import { getNodeDefinition, type NodeType } from '../../nodes/registry';
import type { GraphIndex } from './graph-index';
import type { IssueSink } from './compile-issue';
import type { TypedNode } from './typed-node';
import { boundsText } from './bounds-text';

/** Validates every known node's params against its kind's zod schema, one issue per bad field. */
export function checkParams(index: GraphIndex, sink: IssueSink): void {
  for (const node of index.nodes.values()) {
    const def = getNodeDefinition(node.type);
    if (!def || node.typeVersion > def.version) continue;
    const shape = def.params.shape as Record<string, z.ZodType>;
    for (const key of Object.keys(node.params))
      if (!Object.hasOwn(shape, key))
        sink.warn('unknownParam', `${def.title} "${node.id}" has a param "${key.slice(0, 64)}" it does not use.`, `Remove it; known params: ${Object.keys(shape).join(', ')}.`, {
          nodeId: node.id,
          field: key,
        });
    const parsed = def.params.safeParse(node.params);
    if (parsed.success) {
      index.typed.set(node.id, { id: node.id, type: node.type as NodeType, params: parsed.data, label: node.label } as TypedNode);
      continue;
    }
    for (const issue of parsed.error.issues.slice(0, 20)) {
      const field = issue.path.map(String).join('.') || '(params)';
      const top = String(issue.path[0] ?? '');
      const schema = Object.hasOwn(shape, top) ? shape[top] : undefined;
      const hint = schema ? `${top}: ${schema.description ?? ''} ${boundsText(schema)}`.trim() : `Fix ${field}.`;
      sink.error('invalidParam', `${def.title} "${node.id}": ${field}: ${issue.message}.`, hint, { nodeId: node.id, field });
    }
  }
}
