import { GRAPH_FORMAT, GRAPH_VERSION, type GraphDocument } from '../../../formats/graph-document';
import { defaultParams, nodeRegistry, type NodeType } from '../../../nodes/registry';

export type PaletteMethod = 'ddc' | 'dan' | 'dann';

/**
 * A graph as a new user builds it from the palette: every node at its registry defaults (the editor's
 * `addNode` copies them the same way), two moons as the source, two moons rotated 30° as the target, and the
 * method's adaptation node (DAN: the MMD node with its variant set to 'dan' — the method choice, not a tuning).
 */
export function paletteGraph(method: PaletteMethod): GraphDocument {
  const node = (id: string, type: NodeType, over: Record<string, unknown> = {}) => ({
    id,
    type,
    typeVersion: nodeRegistry[type].version,
    params: { ...(defaultParams(type) as Record<string, unknown>), ...over },
    position: { x: 0, y: 0 },
  });
  const adapt = method === 'dann' ? node('adapt', 'domainAdversarial') : node('adapt', 'mmdAdaptation', method === 'dan' ? { variant: 'dan' } : {});
  const edge = (source: string, sourcePort: string, target: string, targetPort: string) => ({ id: `${source}.${sourcePort}--${target}.${targetPort}`, source, sourcePort, target, targetPort });
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: `${method.toUpperCase()} from palette defaults`,
    nodes: [
      node('source', 'sourceDomain', { dataset: 'two-moons' }),
      node('target', 'targetDomain', { dataset: 'two-moons', options: { rotation: 30 } }),
      node('extractor', 'mlpExtractor'),
      node('head', 'classifierHead'),
      adapt,
      node('trainer', 'trainer'),
      node('evaluate', 'evaluate'),
    ],
    edges: [
      edge('source', 'data', 'extractor', 'domains'),
      edge('target', 'data', 'extractor', 'domains'),
      edge('extractor', 'features', 'head', 'features'),
      edge('head', 'model', 'trainer', 'model'),
      edge('extractor', 'features', 'adapt', 'features'),
      edge('adapt', 'loss', 'trainer', 'losses'),
      edge('trainer', 'trained', 'evaluate', 'trained'),
    ],
  } as GraphDocument;
}
