import { builtinDatasets, type BuiltinDataset, type BuiltinDatasetId } from '../../nodes/core/dataset-catalog';
import type { DatasetRef } from '../../formats/training-plan';
import { DatasetError, type Dataset } from './dataset';
import { resolveOptions } from './resolve-options';
import { parseUpload, type ResolvedUpload } from './parse-upload';
import { twoMoons } from './synthetic/two-moons';
import { gaussianBlobs } from './synthetic/gaussian-blobs';
import { loadOptdigits } from './shipped/optdigits';
import { loadMnist8x8 } from './shipped/mnist-8x8';
import { loadFashionMnist } from './shipped/fashion-mnist';
import { loadSpam } from './shipped/spam';
import { resizeImages } from './resize-images';

export type { ResolvedUpload };

export interface LoadDatasetOptions {
  resolveUpload?: (id: string) => Promise<ResolvedUpload | undefined>;
}

type BuiltinLoader = (opts: Record<string, number>) => Dataset | Promise<Dataset>;

const builtinLoaders: Record<BuiltinDatasetId, BuiltinLoader> = {
  'two-moons': (o) => twoMoons({ samples: o.samples!, rotation: o.rotation!, noise: o.noise!, seed: o.seed! }),
  'gaussian-blobs': (o) => gaussianBlobs({ samples: o.samples!, shift: o.shift!, spread: o.spread!, seed: o.seed! }),
  'mnist-8x8': (o) => loadMnist8x8({ perClass: o.perClass!, seed: o.seed! }),
  optdigits: (o) => loadOptdigits({ limit: o.limit!, seed: o.seed! }),
  'fashion-mnist': (o) => loadFashionMnist({ perClass: o.perClass!, seed: o.seed! }),
  'spam-early': (o) => loadSpam('spam-early', { limit: o.limit!, seed: o.seed! }),
  'spam-later': (o) => loadSpam('spam-later', { limit: o.limit!, seed: o.seed! }),
  'spam-hard': (o) => loadSpam('spam-hard', { limit: o.limit!, seed: o.seed! }),
};

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
    const ds = await builtinLoaders[ref.id](options);
    return options.resize ? resizeImages(ds, options.resize) : ds;
  }
  if (!opts.resolveUpload) {
    throw new DatasetError(`data set "${ref.id}" is an upload, but no upload store is available here.`);
  }
  const upload = await opts.resolveUpload(ref.id);
  if (!upload) {
    throw new DatasetError(`upload "${ref.id}" was not found. It may have been deleted: upload the file again and pick it in the domain node.`);
  }
  // The domain node's label column choice wins over the one stored with the upload.
  const labelColumn = ref.labelColumn ?? upload.labelColumn;
  const parsed = await parseUpload({ ...upload, ...(labelColumn !== undefined ? { labelColumn } : {}) });
  return parsed.dataset;
}
