/**
 * What the worker bundle gets in place of Node-only modules (model files, artifact writing): every use fails
 * with a clear message. A browser run has no artifact folder: its export goes through model/model-artifacts.ts in memory.
 */
function unavailable(): never {
  throw new Error('This step reads or writes model files on the server (export, pretrained extractor); it is not available in a browser run: run this graph on the server.');
}
const stub: Record<string, unknown> = new Proxy({}, { get: (_t, key) => (key === '__esModule' ? true : key === 'default' ? stub : unavailable) });
export default stub;
export const readFile = unavailable, writeFile = unavailable, mkdir = unavailable, join = unavailable, dirname = unavailable;
export const exportModel = unavailable, checkPretrainedArtifact = unavailable, loadPretrainedWeights = unavailable, loadUploadedExtractor = unavailable;
