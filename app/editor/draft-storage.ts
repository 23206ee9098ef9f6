import { graphDocumentSchema, type GraphDocument } from '../../formats/graph-document';
import { limits } from '../../formats/limits';

/**
 * Unsaved edits survive a reload or a trip to the run page and back: they are kept in the
 * browser's storage and read back through the same schema as any untrusted document (a bad or
 * foreign value is ignored). The key names what was opened (a new graph, a template, a version).
 */
export const DRAFT_KEY = 'stepstone.draft.v1';

export function draftKey(source: string): string {
  return source === 'new' ? DRAFT_KEY : `${DRAFT_KEY}:${source}`;
}

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readDraft(storage: DraftStorage | undefined, key = DRAFT_KEY): GraphDocument | null {
  try {
    const text = storage?.getItem(key);
    if (!text || text.length > limits.maxGraphBytes) return null;
    const parsed = graphDocumentSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeDraft(storage: DraftStorage | undefined, doc: GraphDocument, key = DRAFT_KEY): void {
  try {
    if (doc.nodes.length === 0) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(doc));
  } catch {
    // Storage full or disabled: the draft is a convenience, never a reason to fail.
  }
}
