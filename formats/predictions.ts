import { z } from 'zod';

/**
 * Predictions of a trained model for a domain's rows, as a run records them (event `predictions`) and as CSV
 * (the run page's download and `npm run predict`): row = 0-based data row of the file, split = test (held out),
 * unlabelled (rows the file gave no label) or all (`npm run predict`), the predicted class name, and each class's
 * probability.
 */
export const predictionSplitSchema = z.enum(['test', 'unlabelled', 'all']);

/** [row, split, predicted class index, probabilities…]. */
export const predictionRowSchema = z.tuple([z.number().int().min(0), predictionSplitSchema, z.number().int().min(0), z.array(z.number())]);
export type PredictionRow = z.infer<typeof predictionRowSchema>;

/** At most this many rows are recorded per run (the rest: `npm run predict` on the exported model). */
export const MAX_PREDICTION_ROWS = 20_000;

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text: `row,split,predicted,p(<class>)…`, one line per row. */
export function predictionsCsv(classNames: readonly string[], rows: readonly PredictionRow[]): string {
  const header = ['row', 'split', 'predicted', ...classNames.map((c) => `p(${c})`)].map(csvCell).join(',');
  const lines = rows.map(([row, split, predicted, probs]) => [String(row), split, csvCell(classNames[predicted] ?? String(predicted)), ...probs.map((p) => p.toFixed(4))].join(','));
  return `${header}\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}
