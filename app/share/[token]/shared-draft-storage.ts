import type { GraphDocument } from '../../../formats/graph-document';
import { draftKey, readDraft, writeDraft } from '../../editor/draft-storage';

/** A visitor's editable copy of a shared graph lives in this browser only, one per link. */
const key = (token: string) => draftKey(`share:${token}`);

export function readSharedDraft(token: string): GraphDocument | null {
  return readDraft(window.localStorage, key(token));
}

export function writeSharedDraft(token: string, doc: GraphDocument): void {
  writeDraft(window.localStorage, doc, key(token));
}
