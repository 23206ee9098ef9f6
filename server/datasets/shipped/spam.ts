import { builtinDatasets } from '../../../nodes/core/dataset-catalog';
import type { Dataset } from '../dataset';
import { DatasetError } from '../dataset';
import { SeededRandom } from '../../runtime/ops/seeded-random';
import { dataFiles, SPAM_FILE_FORMAT, type SpamCountsFile } from './data-files';
import { cached, readShippedGz } from './read-shipped';
import { evenlySpaced, spamSets, type SpamSetId } from './spam-sets';

/** The shipped term counts (sparse, small); dense TF-IDF rows are built per request. */
export function loadSpamCounts(): Promise<SpamCountsFile> {
  return cached('spam-counts', async () => {
    const file = JSON.parse(new TextDecoder().decode(await readShippedGz(dataFiles.spam))) as SpamCountsFile;
    if (file.format !== SPAM_FILE_FORMAT || file.version !== 1) {
      throw new DatasetError(`unknown format ${String(file.format)} v${String(file.version)}. Rebuild with "npm run data:build".`, { file: dataFiles.spam });
    }
    return file;
  });
}

/** Number of messages in a spam set before any limit. */
async function spamRows(id: SpamSetId): Promise<{ flat: number[]; label: number }[]> {
  const file = await loadSpamCounts();
  const rows: { flat: number[]; label: number }[] = [];
  for (const part of spamSets[id]) {
    const g = file.groups[part.group];
    const pick = 'take' in part ? evenlySpaced(g.rows.length, part.take) : g.rows.map((_, i) => i);
    for (const i of pick) rows.push({ flat: g.rows[i]!, label: g.label });
  }
  return rows;
}

/**
 * A SpamAssassin set as TF-IDF rows, scikit-learn's TfidfVectorizer defaults: raw counts × smoothed
 * IDF ln((1+N)/(1+df)) + 1 with N and df from the source groups, rows L2-normalised. Label 1 = spam.
 * At most `limit` messages, chosen at random (seeded), in shuffled order.
 */
export async function loadSpam(id: SpamSetId, opts: { limit: number; seed: number }): Promise<Dataset> {
  const file = await loadSpamCounts();
  const all = await spamRows(id);
  const width = file.vocabulary.length;
  const N = file.sourceDocuments;
  const idf = file.documentFrequency.map((df) => Math.log((1 + N) / (1 + df)) + 1);
  const order = new SeededRandom(opts.seed).permutation(all.length);
  const n = Math.min(opts.limit, all.length);
  const x = new Float32Array(n * width);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const { flat, label } = all[order[r]!]!;
    const base = r * width;
    let norm = 0;
    for (let k = 0, t = 0; k < flat.length; k += 2) {
      t += flat[k]!;
      const w = flat[k + 1]! * idf[t]!;
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0, t = 0; k < flat.length; k += 2) {
      t += flat[k]!;
      x[base + t] = flat[k + 1]! * idf[t]! * inv;
    }
    y[r] = label;
  }
  return { name: id, x, y, n, width, classes: 2, imageShape: null, labelNames: [...builtinDatasets[id].classNames] };
}
