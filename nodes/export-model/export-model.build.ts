import type { NodeBuilder } from '../../server/runtime/node-builder';
import { exportModel } from '../../server/runtime/node/export-model-files';

/** Runtime of an exportModel node: writes the trained model as TF.js model.json + weights.bin. */
export const exportModelBuild = {
  type: 'exportModel',
  role: 'export',
  exportModel: ({ model, headIndex, artifactDir, name, ensemble, preprocessing }) => exportModel(model, headIndex, artifactDir, name, ensemble, preprocessing),
} as const satisfies NodeBuilder<'exportModel'>;
