/**
 * Port types: what flows along an edge. A connection is legal only when the output's type
 * equals the input's type (see `canConnect`); the server re-checks every edge before compiling.
 */
export const portTypes = {
  domain: { label: 'Domain data set', color: '#2563eb', description: 'A data set with its role (source, target, intermediate), feature width, class count and label status.' },
  features: { label: 'Feature stream', color: '#16a34a', description: 'Features produced by an extractor, with a known width.' },
  model: { label: 'Model', color: '#9333ea', description: 'An untrained model: a feature extractor with its head(s).' },
  loss: { label: 'Extra loss', color: '#dc2626', description: 'A loss term added to the objective (MMD, domain-adversarial, ...).' },
  sampleWeights: { label: 'Sample weights', color: '#ea580c', description: 'A per-sample weighting procedure (TrAdaBoost).' },
  trainedModel: { label: 'Trained model', color: '#0891b2', description: 'A model after a training stage.' },
  report: { label: 'Report', color: '#64748b', description: 'Evaluation results.' },
} as const;

export type PortType = keyof typeof portTypes;
export function canConnect(from: PortType, to: PortType): boolean {
  return from === to;
}
