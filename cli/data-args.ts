import path from 'node:path';
import { csvOptionsSchema, parseColumnList, parseLabelSpec, type CsvOptions } from '../formats/csv-options';
import type { UploadMeta } from '../server/compiler/compile-context';
import { DatasetError } from '../server/datasets/dataset';
import { inspectUpload } from '../server/datasets/inspect-upload';
import type { ResolvedUpload } from '../server/datasets/parse-upload';

/** One `--data <nodeId>=<file>[:label=col|none][:ignore=a,b][:header=no][:delimiter=semicolon]`. */
export interface DataArg {
  nodeId: string;
  file: string;
  csv: CsvOptions;
}

const DELIMITERS = ['auto', 'comma', 'semicolon', 'tab'] as const;

/** Parses a `--data` value; throws with the part that is wrong. */
export function parseDataArg(spec: string): DataArg {
  const eq = spec.indexOf('=');
  if (eq < 1) throw new Error(`--data needs <domainNodeId>=<file.csv>[:label=col|none], got "${spec}"`);
  const [file, ...opts] = spec.slice(eq + 1).split(':');
  if (!file) throw new Error(`--data ${spec}: no file after "="`);
  const raw: Record<string, unknown> = {};
  for (const o of opts) {
    const [key, value = ''] = o.split(/=(.*)/s);
    if (key === 'label') raw.label = parseLabelSpec(value);
    else if (key === 'ignore') raw.ignore = parseColumnList(value);
    else if (key === 'header') raw.header = !/^(no|false|0)$/i.test(value);
    else if (key === 'delimiter' && (DELIMITERS as readonly string[]).includes(value)) raw.delimiter = value;
    else throw new Error(`--data ${spec}: unknown option "${o}" (label=…, ignore=…, header=yes|no, delimiter=${DELIMITERS.join('|')})`);
  }
  return { nodeId: spec.slice(0, eq), file, csv: csvOptionsSchema.parse(raw) };
}

type RawNode = { id?: unknown; params?: Record<string, unknown> };

export interface AttachedData {
  /** Synthetic upload id → what the compiler needs, and where the trainer reads it. */
  uploads: Record<string, UploadMeta>;
  files: Record<string, ResolvedUpload>;
}

/**
 * Points domain nodes at local CSV files: those named by `--data`, and those whose dataset is `file:<path>`
 * (relative to the graph file; the server refuses such ids). Each file goes through the upload parser with the
 * upload limits (so the messages are the upload's, with line and column); the node then names it as an upload.
 */
export async function attachData(doc: unknown, graphFile: string, args: readonly DataArg[]): Promise<AttachedData> {
  const nodes = ((doc as { nodes?: unknown }).nodes ?? []) as RawNode[];
  const out: AttachedData = { uploads: {}, files: {} };
  for (const arg of args) if (!nodes.some((n) => n.id === arg.nodeId)) throw new Error(`--data ${arg.nodeId}=…: the graph has no node "${arg.nodeId}"`);
  for (const [k, node] of nodes.entries()) {
    const given = args.find((a) => a.nodeId === node.id);
    const dataset = node.params?.dataset;
    const fromGraph = typeof dataset === 'string' && dataset.startsWith('file:') ? dataset.slice('file:'.length) : null;
    if (!given && fromGraph === null) continue;
    const file = given ? path.resolve(given.file) : path.resolve(path.dirname(graphFile), fromGraph!);
    const csv = given?.csv ?? csvOptionsSchema.parse({});
    const id = `cli-file-${k}`;
    let info;
    try {
      info = await inspectUpload(file, 'csv', undefined, undefined, { csv, fileName: path.basename(file) });
    } catch (err) {
      if (err instanceof DatasetError) throw new Error(`node "${String(node.id)}": ${err.message}`);
      throw err;
    }
    out.uploads[id] = { name: path.basename(file), width: info.width, classes: info.classes, labelled: info.labelled, imageShape: info.imageShape, rows: info.rows, ...(info.labelNames ? { labelNames: info.labelNames } : {}) };
    out.files[id] = { path: file, format: 'csv', csv, fileName: path.basename(file) };
    node.params = { ...node.params, dataset: `upload:${id}`, options: {} };
  }
  return out;
}
