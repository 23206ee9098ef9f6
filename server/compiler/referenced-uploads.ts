import type { GraphDocument } from '../../formats/graph-document';

/** Upload ids a document's domain nodes name (`upload:<id>`), so the caller can look up their metadata first. */
export function referencedUploads(document: GraphDocument): string[] {
  const ids = new Set<string>();
  for (const node of document.nodes) {
    const dataset = node.params.dataset;
    if (typeof dataset === 'string' && dataset.startsWith('upload:')) ids.add(dataset.slice('upload:'.length));
  }
  return [...ids];
}
