import type { PlanExtractor, PlanHead } from '../../formats/training-plan';
import type { GraphIndex } from './graph-index';
import type { Pipeline } from './find-pipeline';
import type { DomainSet } from './resolve-domains';

export interface NodeShape {
  /** Width of what the node outputs: a domain's features, an extractor's feature stream, a head's outputs. */
  readonly width?: number;
  readonly classes?: number;
}

/** What is known about each node's output before training, for badges on the canvas; partial when the graph has errors. */
export function propagateShapes(index: GraphIndex, domains: DomainSet, pipeline: Pipeline, extractor: PlanExtractor | null, head: PlanHead | null): Record<string, NodeShape> {
  const shapes = new Map<string, NodeShape>();
  for (const d of domains.byId.values()) shapes.set(d.nodeId, { width: d.width, classes: d.classes });
  const classes = domains.source?.classes;
  if (pipeline.extractor && extractor) shapes.set(pipeline.extractor.id, { width: extractor.outputWidth, classes });
  if (pipeline.head && head) shapes.set(pipeline.head.id, { width: headWidth(head), classes });
  for (const n of index.ofKind('mmdAdaptation', 'domainAdversarial', 'selfTraining'))
    if (extractor && index.inputs(n.id, 'features')[0]?.source === pipeline.extractor?.id) shapes.set(n.id, { width: extractor.outputWidth });
  const downstream = [pipeline.trainer, ...pipeline.chain, pipeline.evaluate, pipeline.exportNode, pipeline.boost];
  if (classes !== undefined) for (const n of downstream) if (n) shapes.set(n.id, { classes });
  // fromEntries defines own properties, so an id such as "__proto__" stays plain data.
  return Object.fromEntries(shapes);
}

function headWidth(head: PlanHead): number {
  if (head.kind === 'classifier') return head.classes;
  if (head.kind === 'zeroShot') return head.classAttributes[0]?.length ?? 0;
  return head.tasks.reduce((sum, t) => sum + t.classes, 0);
}
