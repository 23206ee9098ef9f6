import { join } from 'node:path';
import type { SpamGroup } from './spam-sets';

/** File names of the shipped data in data/ (rebuilt by scripts/build-datasets.ts). */
export const dataFiles = {
  optdigits: 'optdigits.csv.gz',
  mnist8x8Images: 'mnist-8x8-images.idx.gz',
  mnist8x8Labels: 'mnist-8x8-labels.idx.gz',
  fashionImages: 'fashion-mnist-images.idx.gz',
  fashionLabels: 'fashion-mnist-labels.idx.gz',
  spam: 'spam-assassin-counts.json.gz',
} as const;

/** The repo's data/ directory; STEPSTONE_BUILTIN_DATA_DIR overrides (servers started from elsewhere; STEPSTONE_DATA_DIR is the store of user data). */
export function dataDir(): string {
  return process.env.STEPSTONE_BUILTIN_DATA_DIR ?? join(process.cwd(), 'data');
}

export const SPAM_FILE_FORMAT = 'stepstone.spam-counts' as const;

/** Term counts per message over a fixed vocabulary; TF-IDF is computed at load time. */
export interface SpamCountsFile {
  format: typeof SPAM_FILE_FORMAT;
  version: 1;
  source: string;
  sourceGroups: string[];
  /** Number of source messages the document frequencies were counted over. */
  sourceDocuments: number;
  vocabulary: string[];
  /** Per vocabulary term: in how many source messages it occurs. */
  documentFrequency: number[];
  groups: Record<SpamGroup, {
    label: 0 | 1;
    /** Message ids within the group, in package order. */
    ids: string[];
    /** Per message: [termIndexDelta, count, termIndexDelta, count, …], term indices ascending. */
    rows: number[][];
  }>;
}
