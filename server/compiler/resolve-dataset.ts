import { builtinDatasetIds, builtinDatasets, builtinShape, type BuiltinDataset } from '../../nodes/core/dataset-catalog';
import type { DatasetRef } from '../../formats/training-plan';
import type { CompileContext } from './compile-context';
import type { IssueSink } from './compile-issue';

export interface DatasetInfo {
  readonly ref: DatasetRef;
  readonly width: number;
  readonly classes: number;
  readonly imageShape: [number, number, number] | null;
  /** Whether the data carry labels at all (built-ins always do; uploads may not). */
  readonly labelled: boolean;
  /** Number of samples when known before loading (uploads; generators with a sample count). */
  readonly size: number | null;
  /** Text labels of an upload (index = class), to align domains' classes by name. */
  readonly labelNames?: readonly string[];
}

type Options = Record<string, number | string | boolean>;

/** Resolves a domain node's `dataset` + `options` against the catalog or the caller's uploads. */
export function resolveDataset(nodeId: string, dataset: string, options: Options, ctx: CompileContext, sink: IssueSink): DatasetInfo | null {
  if (dataset.startsWith('upload:')) return resolveUpload(nodeId, dataset.slice('upload:'.length), options, ctx, sink);
  if (dataset.startsWith('file:')) {
    sink.error('fileDataset', `Node "${nodeId}" reads the local file "${dataset.slice(5, 80)}"; only \`npm run train\` reads files.`, 'Upload the file (Uploads page) and pick it here, or train this graph with npm run train.', { nodeId, field: 'dataset' });
    return null;
  }
  if (!Object.hasOwn(builtinDatasets, dataset)) {
    sink.error('unknownDataset', `Node "${nodeId}" uses the data set "${dataset}", which does not exist.`, `Pick a built-in data set (${builtinDatasetIds.join(', ')}) or upload:<id>.`, {
      nodeId,
      field: 'dataset',
    });
    return null;
  }
  const meta = builtinDatasets[dataset as keyof typeof builtinDatasets] as BuiltinDataset;
  if (!checkOptions(nodeId, meta, options, sink)) return null;
  return {
    ref: { kind: 'builtin', id: meta.id, options },
    ...builtinShape(meta, options),
    classes: meta.classes,
    labelled: true,
    size: builtinSize(meta, options),
  };
}

function resolveUpload(nodeId: string, id: string, options: Options, ctx: CompileContext, sink: IssueSink): DatasetInfo | null {
  const uploads = ctx.uploads ?? {};
  const meta = Object.hasOwn(uploads, id) ? uploads[id] : undefined;
  if (!meta) {
    sink.error('unknownDataset', `Node "${nodeId}" uses the upload "${id}", which does not exist.`, 'Upload the data set first (Data sets page), or pick a built-in one.', {
      nodeId,
      field: 'dataset',
    });
    return null;
  }
  if (meta.model) {
    sink.error('modelAsDataset', `Node "${nodeId}" uses the upload "${meta.name ?? id}", which is a pre-trained model, not a data set.`, 'Pick a data set here; use the model in a Pre-trained extractor node (source "upload").', { nodeId, field: 'dataset' });
    return null;
  }
  const extra = Object.keys(options);
  if (extra.length > 0) {
    for (const key of extra)
      sink.error('invalidDatasetOption', `Uploaded data sets take no options; "${key.slice(0, 64)}" is set.`, 'Remove the option; an upload is used as it is.', { nodeId, field: `options.${key}` });
    return null;
  }
  return {
    ref: { kind: 'upload', id },
    width: meta.width,
    classes: meta.classes,
    imageShape: meta.imageShape ? [...meta.imageShape] : null,
    labelled: meta.labelled,
    size: meta.rows,
    ...(meta.labelNames ? { labelNames: meta.labelNames } : {}),
  };
}

function checkOptions(nodeId: string, meta: BuiltinDataset, options: Options, sink: IssueSink): boolean {
  let ok = true;
  for (const [key, value] of Object.entries(options)) {
    const field = `options.${key}`;
    const spec = Object.hasOwn(meta.options, key) ? meta.options[key] : undefined;
    if (!spec) {
      const known = Object.keys(meta.options);
      sink.error('invalidDatasetOption', `${meta.title} has no option "${key.slice(0, 64)}".`, `Its options: ${known.join(', ') || 'none'}.`, { nodeId, field });
      ok = false;
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min || value > spec.max || (spec.integer && !Number.isInteger(value))) {
      const kind = spec.integer ? 'an integer' : 'a number';
      sink.error('invalidDatasetOption', `${meta.title}: ${key} = ${JSON.stringify(value).slice(0, 40)} is out of range.`, `${spec.description} Use ${kind} from ${spec.min} to ${spec.max}.`, {
        nodeId,
        field,
      });
      ok = false;
    }
  }
  return ok;
}

/** The sample count a generator or subset will produce, when it follows from the options alone. */
function builtinSize(meta: BuiltinDataset, options: Options): number | null {
  if (meta.options.samples) return optionValue(meta, options, 'samples');
  const perClass = meta.options.perClass ? optionValue(meta, options, 'perClass') : null;
  if (perClass !== null) return perClass * meta.classes;
  if (meta.id === 'optdigits') return optionValue(meta, options, 'limit');
  return null; // e.g. spam sets: the limit is an upper bound, the real size depends on the corpus
}

function optionValue(meta: BuiltinDataset, options: Options, key: string): number | null {
  const v = Object.hasOwn(options, key) ? options[key] : meta.options[key]?.default;
  return typeof v === 'number' ? v : null;
}
