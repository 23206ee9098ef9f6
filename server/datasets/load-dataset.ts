import { builtinDatasets, type BuiltinDataset, type BuiltinDatasetId } from '../../nodes/core/dataset-catalog';
import type { DatasetRef } from '../../formats/training-plan';
import { DatasetError, type Dataset } from './dataset';
import { resolveOptions } from './resolve-options';
import { twoMoons } from './synthetic/two-moons';
import { gaussianBlobs } from './synthetic/gaussian-blobs';

export interface ResolvedUpload {
  path: string;
  format: 'csv' | 'idx';
  labelColumn?: string;
  /** IDX only: the labels file that goes with the images file at `path`. */
  labelsPath?: string;
  /** Name to show in messages (the user's file name); defaults to the path's base name. */
  fileName?: string;
}

export interface LoadDatasetOptions {
  resolveUpload?: (id: string) => Promise<ResolvedUpload | undefined>;
}

type BuiltinLoader = (opts: Record<string, number>) => Dataset | Promise<Dataset>;

const builtinLoaders: Record<BuiltinDatasetId, BuiltinLoader> = {
  'two-moons': (o) => twoMoons({ samples: o.samples!, rotation: o.rotation!, noise: o.noise!, seed: o.seed! }),
  'gaussian-blobs': (o) => gaussianBlobs({ samples: o.samples!, shift: o.shift!, spread: o.spread!, seed: o.seed! }),
  'mnist-8x8': notBuiltYet('mnist-8x8'),
  optdigits: notBuiltYet('optdigits'),
  'fashion-mnist': notBuiltYet('fashion-mnist'),
  'spam-early': notBuiltYet('spam-early'),
  'spam-later': notBuiltYet('spam-later'),
  'spam-hard': notBuiltYet('spam-hard'),
};

function notBuiltYet(id: string): BuiltinLoader {
  return () => {
    throw new DatasetError(`the loader for "${id}" is not available yet.`);
  };
}

function isBuiltinId(id: string): id is BuiltinDatasetId {
  return Object.hasOwn(builtinDatasets, id);
}

/** Loads a domain's samples: a built-in set (options checked against the catalog) or an upload. */
export async function loadDataset(ref: DatasetRef, opts: LoadDatasetOptions = {}): Promise<Dataset> {
  if (ref.kind === 'builtin') {
    if (!isBuiltinId(ref.id)) {
      throw new DatasetError(`unknown built-in data set "${ref.id}". Choose one of: ${Object.keys(builtinDatasets).join(', ')}.`, { field: 'id' });
    }
    const meta: BuiltinDataset = builtinDatasets[ref.id];
    const options = resolveOptions(meta, ref.options ?? {});
    return builtinLoaders[ref.id](options);
  }
  if (!opts.resolveUpload) {
    throw new DatasetError(`data set "${ref.id}" is an upload, but no upload store is available here.`);
  }
  const upload = await opts.resolveUpload(ref.id);
  if (!upload) {
    throw new DatasetError(`upload "${ref.id}" was not found. It may have been deleted: upload the file again and pick it in the domain node.`);
  }
  throw new DatasetError(`uploads (${upload.format}) are not supported yet.`);
}
