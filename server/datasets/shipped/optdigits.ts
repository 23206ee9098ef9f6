import { builtinDatasets } from '../../../nodes/core/dataset-catalog';
import type { Dataset } from '../dataset';
import { DatasetError } from '../dataset';
import { sampleRows } from '../subset';
import { dataFiles } from './data-files';
import { cached, readShippedGz } from './read-shipped';

export const digitNames: string[] = [...builtinDatasets.optdigits.classNames];

/** All 1,797 optdigits images from scikit-learn's digits.csv.gz (64 block counts 0–16, then the class), scaled to [0, 1]. */
export function loadOptdigitsAll(): Promise<Dataset> {
  return cached('optdigits', async () => {
    const text = new TextDecoder().decode(await readShippedGz(dataFiles.optdigits));
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const n = lines.length;
    const x = new Float32Array(n * 64);
    const y = new Int32Array(n);
    lines.forEach((line, r) => {
      const cells = line.split(',');
      if (cells.length !== 65) throw new DatasetError(`expected 65 values, found ${cells.length}. Rebuild with "npm run data:build".`, { file: dataFiles.optdigits, line: r + 1 });
      for (let c = 0; c < 64; c++) x[r * 64 + c] = Number(cells[c]) / 16;
      y[r] = Number(cells[64]);
    });
    return { name: 'optdigits', x, y, n, width: 64, classes: 10, imageShape: [8, 8, 1], labelNames: digitNames };
  });
}

export async function loadOptdigits(opts: { limit: number; seed: number }): Promise<Dataset> {
  return sampleRows(await loadOptdigitsAll(), opts.limit, opts.seed);
}
