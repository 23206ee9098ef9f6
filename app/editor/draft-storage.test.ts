import { describe, expect, it } from 'vitest';
import { DRAFT_KEY, draftKey, readDraft, writeDraft, type DraftStorage } from './draft-storage';
import { emptyDocument } from './editor-document';

function memory(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const doc = () => ({ ...emptyDocument('Draft'), nodes: [{ id: 'a', type: 'sourceDomain', typeVersion: 1, params: { dataset: 'two-moons' }, position: { x: 1, y: 2 } }] });

describe('draft storage', () => {
  it('round-trips a document', () => {
    const s = memory();
    writeDraft(s, doc());
    expect(readDraft(s)).toEqual(doc());
  });

  it('keeps drafts of different sources apart', () => {
    const s = memory();
    writeDraft(s, doc(), draftKey('t:dann'));
    expect(readDraft(s)).toBeNull();
    expect(readDraft(s, draftKey('t:dann'))).toEqual(doc());
    expect(draftKey('new')).toBe(DRAFT_KEY);
  });

  it('removes the draft when the graph is empty', () => {
    const s = memory();
    writeDraft(s, doc());
    writeDraft(s, emptyDocument());
    expect(s.map.has(DRAFT_KEY)).toBe(false);
    expect(readDraft(s)).toBeNull();
  });

  it('ignores malformed, foreign or oversized values and missing storage', () => {
    const s = memory();
    s.setItem(DRAFT_KEY, '{not json');
    expect(readDraft(s)).toBeNull();
    s.setItem(DRAFT_KEY, JSON.stringify({ format: 'other', nodes: [] }));
    expect(readDraft(s)).toBeNull();
    s.setItem(DRAFT_KEY, 'x'.repeat(2_000_001));
    expect(readDraft(s)).toBeNull();
    expect(readDraft(undefined)).toBeNull();
  });

  it('a storage that throws does not break writing', () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    expect(() => writeDraft(broken, doc())).not.toThrow();
    expect(readDraft(broken)).toBeNull();
  });
});
