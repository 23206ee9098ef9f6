import type { GraphDocument } from '../../formats/graph-document';

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'graph';
}

/** Saves a graph document as `<name>.stepstone.json` through the browser (no server involved). */
export function downloadDocument(doc: GraphDocument): void {
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${slug(doc.name)}.stepstone.json`;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
