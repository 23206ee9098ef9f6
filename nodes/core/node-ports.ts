import type { PortSpec } from './define-node';

/** Ports every domain node exposes; kept in one place so the three domain kinds stay interchangeable. */
export const domainOutputs: readonly PortSpec[] = [{ name: 'data', type: 'domain', label: 'Data', description: 'The domain: its data set, role and label status.' }];

/** Extractors see every domain the model is trained or adapted on. */
export const extractorInputs: readonly PortSpec[] = [
  { name: 'domains', type: 'domain', label: 'Domains', required: true, multiple: true, description: 'All domains the model sees: source, target and intermediates.' },
];

export const featureOutputs: readonly PortSpec[] = [{ name: 'features', type: 'features', label: 'Features', description: 'The extractor output (layer "features").' }];

export const headInputs: readonly PortSpec[] = [{ name: 'features', type: 'features', label: 'Features', required: true }];
export const modelOutputs: readonly PortSpec[] = [{ name: 'model', type: 'model', label: 'Model', description: 'Extractor + head, untrained.' }];

export const adaptationInputs: readonly PortSpec[] = [
  { name: 'features', type: 'features', label: 'Features', required: true, description: 'Must be fed by source and target domains.' },
];
export const lossOutputs: readonly PortSpec[] = [{ name: 'loss', type: 'loss', label: 'Loss term' }];

/** fineTune and conservativeTraining continue from a trained model on labelled target data. */
export const continueInputs: readonly PortSpec[] = [
  { name: 'trained', type: 'trainedModel', label: 'Trained model', required: true },
  { name: 'data', type: 'domain', label: 'Labelled data', required: true, description: 'A labelled domain, usually the target with a few labels.' },
];
export const trainedOutputs: readonly PortSpec[] = [{ name: 'trained', type: 'trainedModel', label: 'Trained model' }];
