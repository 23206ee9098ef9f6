import { graphDocumentSchema, type GraphDocument } from '../../formats/graph-document';
import { limits } from '../../formats/limits';

/**
 * The unsaved new graph survives a reload: it is kept in the browser's storage and read back
 * through the same schema as any untrusted document (a bad or foreign value is ignored).
 */
export const DRAFT_KEY = 'stepstone.draft.v1';

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readDraft(storage: DraftStorage | undefined): GraphDocument | null {
  try {
    const text = storage?.getItem(DRAFT_KEY);
    if (!text || text.length > limits.maxGraphBytes) return null;
    const parsed = graphDocumentSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeDraft(storage: DraftStorage | undefined, doc: GraphDocument): void {
  try {
    if (doc.nodes.length === 0) storage?.removeItem(DRAFT_KEY);
    else storage?.setItem(DRAFT_KEY, JSON.stringify(doc));
  } catch {
    // Storage full or disabled: the draft is a convenience, never a reason to fail.
  }
}
