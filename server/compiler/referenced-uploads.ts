import type { GraphDocument } from '../../formats/graph-document';

/**
 * Upload ids a document names (`upload:<id>`: domain nodes' data sets, pre-trained extractors' models), so the
 * caller can look up their metadata first.
 */
export function referencedUploads(document: GraphDocument): string[] {
  const ids = new Set<string>();
  for (const node of document.nodes) {
    for (const ref of [node.params.dataset, node.params.model]) {
      if (typeof ref === 'string' && ref.startsWith('upload:')) ids.add(ref.slice('upload:'.length));
    }
  }
  return [...ids];
}
