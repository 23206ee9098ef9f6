import { z } from 'zod';
import { safeString } from './safe-text';

/**
 * How an uploaded CSV is read: one schema for the upload dialog, the upload API, the CLI's `--data` and the
 * stored upload (its `metadata.csv`). Browser-safe. Columns are named by their header text or, in a file
 * without a header, `column1`, `column2`, … ; a column may also be given by its 1-based position.
 */
export const CSV_OPTIONS_VERSION = 1 as const;

/** A column by header name, or by 1-based position. */
export const columnRefSchema = z.union([safeString().trim().min(1).max(200), z.number().int().min(1).max(5000)]);
export type ColumnRef = z.infer<typeof columnRefSchema>;

export const csvLabelSchema = z.discriminatedUnion('by', [
  /** The last column named label / class / y, else the last column. */
  z.object({ by: z.literal('auto') }),
  z.object({ by: z.literal('column'), column: columnRefSchema }),
  /** No label column: an unlabelled domain (e.g. a target). */
  z.object({ by: z.literal('none') }),
]);
export type CsvLabel = z.infer<typeof csvLabelSchema>;

export const csvDelimiters = { auto: null, comma: ',', semicolon: ';', tab: '\t' } as const;

export const csvOptionsSchema = z.object({
  version: z.literal(CSV_OPTIONS_VERSION).default(CSV_OPTIONS_VERSION),
  /** Whether the first line names the columns. */
  header: z.boolean().default(true),
  /** auto: whichever of comma, semicolon, tab the first line uses most. */
  delimiter: z.enum(['auto', 'comma', 'semicolon', 'tab']).default('auto'),
  label: csvLabelSchema.default({ by: 'auto' }),
  /** Columns left out entirely (ids, timestamps, free text). */
  ignore: z.array(columnRefSchema).max(5000).default([]),
});
export type CsvOptions = z.infer<typeof csvOptionsSchema>;
export type CsvOptionsInput = z.input<typeof csvOptionsSchema>;

export const defaultCsvOptions: CsvOptions = csvOptionsSchema.parse({});

/**
 * The CLI's and the form's short label syntax: `none`, `auto`, `#3` (third column) or a column name.
 * A name that is really `none` or `auto` can be written `name:none`.
 */
export function parseLabelSpec(spec: string): CsvLabel {
  const s = spec.trim();
  if (s === '' || s === 'auto') return { by: 'auto' };
  if (s === 'none') return { by: 'none' };
  const position = /^#(\d+)$/.exec(s);
  if (position) return { by: 'column', column: Number(position[1]) };
  return { by: 'column', column: s.startsWith('name:') ? s.slice(5) : s };
}

/** `id, 3, time` → names and 1-based positions (a bare number is a position). */
export function parseColumnList(text: string): ColumnRef[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (/^#?\d+$/.test(s) ? Number(s.replace('#', '')) : s));
}

/** The label choice as the short syntax (for forms and messages). */
export function labelSpecText(label: CsvLabel): string {
  if (label.by !== 'column') return label.by;
  return typeof label.column === 'number' ? `#${label.column}` : label.column;
}
