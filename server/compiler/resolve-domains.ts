import type { DomainRole, FeatureScaling, PlanDomain } from '../../formats/training-plan';
import type { NodeType } from '../../nodes/registry';
import { alignClasses } from './align-classes';
import type { CompileContext } from './compile-context';
import type { IssueSink } from './compile-issue';
import type { GraphIndex } from './graph-index';
import { resolveDataset, type DatasetInfo } from './resolve-dataset';
import type { NodeOf } from './typed-node';

export interface DomainInfo extends DatasetInfo {
  readonly nodeId: string;
  readonly nodeType: NodeType;
  readonly name: string;
  readonly role: DomainRole;
  /** The intermediate's `order` param (its place in the chain); 0 for the others. */
  readonly chainOrder: number;
  readonly labels: PlanDomain['labels'];
  readonly testFraction: number;
  /** Source: share of its rows; target: share of its labelled budget (see PlanDomain.validationFraction). */
  readonly validationFraction: number;
  readonly scaling: FeatureScaling;
  /** Class names all domains are aligned to (set by alignClasses), index = class. */
  readonly classNames?: readonly string[];
}

export interface DomainSet {
  readonly source: DomainInfo | null;
  readonly target: DomainInfo | null;
  /** Wired into the extractor: the transitive chain, sorted by `order`. */
  readonly intermediates: DomainInfo[];
  /** Wired only into an autoencoder's unlabelled input. */
  readonly auxiliary: DomainInfo[];
  readonly byId: Map<string, DomainInfo>;
}

const extractorKinds = new Set(['mlpExtractor', 'cnnExtractor', 'pretrainedExtractor', 'autoencoder']);

/** Resolves every domain node's data set and role, and checks counts and label availability. */
export function resolveDomains(index: GraphIndex, ctx: CompileContext, sink: IssueSink): DomainSet {
  const byId = new Map<string, DomainInfo>();
  const sources = index.ofKind('sourceDomain');
  const targets = index.ofKind('targetDomain');
  // Counted over all nodes of the kind: one with invalid params is still there (and reported as such).
  checkCount(idsOfType(index, 'sourceDomain'), 'source', sink);
  checkCount(idsOfType(index, 'targetDomain'), 'target', sink);
  const resolve = (node: NodeOf<'sourceDomain' | 'targetDomain' | 'intermediateDomain'>, role: DomainRole) => {
    const data = resolveDataset(node.id, node.params.dataset, node.params.options, ctx, sink);
    if (!data) return null;
    const info = withRole(node, role, data, sink);
    byId.set(node.id, info);
    return info;
  };
  const source = sources[0] ? resolve(sources[0], 'source') : null;
  const target = targets[0] ? resolve(targets[0], 'target') : null;
  const intermediates: DomainInfo[] = [];
  const auxiliary: DomainInfo[] = [];
  for (const node of index.ofKind('intermediateDomain')) {
    const uses = index.outputs(node.id).map((e) => ({ kind: index.nodes.get(e.target)?.type ?? '', port: e.targetPort }));
    if (uses.some((u) => extractorKinds.has(u.kind) && u.port === 'domains')) {
      const info = resolve(node, 'intermediate');
      if (info) intermediates.push(info);
    } else if (uses.some((u) => u.kind === 'autoencoder' && u.port === 'unlabelled')) {
      const info = resolve(node, 'auxiliary');
      if (info) auxiliary.push(info);
    } else {
      sink.warn('unusedNode', `Intermediate domain "${node.id}" is not wired into a model; it is ignored.`, 'Connect it to the extractor’s domains (a transitive hop) or an autoencoder’s unlabelled input.', {
        nodeId: node.id,
      });
    }
  }
  intermediates.sort((a, b) => a.chainOrder - b.chainOrder || (a.nodeId < b.nodeId ? -1 : 1));
  warnDuplicateOrders(intermediates, sink);
  return alignClasses({ source, target, intermediates, auxiliary, byId }, sink);
}

function idsOfType(index: GraphIndex, type: string): string[] {
  return [...index.nodes.values()].filter((n) => n.type === type).map((n) => n.id);
}

function checkCount(ids: string[], role: 'source' | 'target', sink: IssueSink): void {
  const kind = role === 'source' ? 'Source domain' : 'Target domain';
  if (ids.length === 0)
    sink.error(role === 'source' ? 'noSource' : 'noTarget', `The graph has no ${kind.toLowerCase()}.`, `Add a ${kind} node and connect it to the extractor’s domains input.`);
  for (const extra of ids.slice(1))
    sink.error(
      role === 'source' ? 'multipleSources' : 'multipleTargets',
      `The graph has ${ids.length} ${role} domains; a plan adapts one ${role}.`,
      role === 'source' ? 'Keep one source; use an Intermediate domain for a stepping stone, or pool data before uploading.' : 'Keep one target; compare targets in separate graphs.',
      { nodeId: extra },
    );
}

function unlabelledError(sink: IssueSink, nodeId: string, field: string, what: string): void {
  sink.error('unlabelledDomain', `${what} "${nodeId}" is marked labelled, but its data set has no labels.`, 'Upload the data set with a label column, or mark the domain unlabelled.', {
    nodeId,
    field,
  });
}

/** Built field by field: object spread is a slow path in V8 when run for every node of a large graph. */
function domainInfo(node: { id: string; type: NodeType; params: { name: string; scaling: FeatureScaling | 'auto' } }, role: DomainRole, data: DatasetInfo, extra: Pick<DomainInfo, 'chainOrder' | 'testFraction' | 'labels' | 'validationFraction'>): DomainInfo {
  const scaling = node.params.scaling;
  const info: DomainInfo = {
    ref: data.ref,
    width: data.width,
    classes: data.classes,
    imageShape: data.imageShape,
    labelled: data.labelled,
    size: data.size,
    nodeId: node.id,
    nodeType: node.type,
    name: node.params.name,
    role,
    chainOrder: extra.chainOrder,
    testFraction: extra.testFraction,
    validationFraction: extra.validationFraction,
    labels: extra.labels,
    // auto: uploads are standardised (their raw scale is anyone's guess); built-ins come scaled.
    scaling: scaling === 'auto' ? (data.ref.kind === 'upload' ? 'standardise' : 'none') : scaling,
  };
  return data.labelNames ? { ...info, labelNames: data.labelNames } : info;
}

function withRole(node: NodeOf<'sourceDomain' | 'targetDomain' | 'intermediateDomain'>, role: DomainRole, data: DatasetInfo, sink: IssueSink): DomainInfo {
  if (node.type === 'sourceDomain') {
    if (!data.labelled) unlabelledError(sink, node.id, 'dataset', 'Source domain');
    return domainInfo(node, role, data, { chainOrder: 0, testFraction: 0, labels: 'all', validationFraction: node.params.validationFraction });
  }
  if (node.type === 'intermediateDomain') {
    const labelled = node.params.labelled && role === 'intermediate';
    if (labelled && !data.labelled) unlabelledError(sink, node.id, 'labelled', 'Intermediate domain');
    return domainInfo(node, role, data, { chainOrder: node.params.order, testFraction: 0, labels: labelled ? 'all' : 'none', validationFraction: 0 });
  }
  const { labelledCount, testFraction } = node.params;
  if (labelledCount > 0 && !data.labelled) unlabelledError(sink, node.id, 'labelledCount', 'Target domain');
  const trainable = data.size === null ? null : Math.floor(data.size * (1 - testFraction));
  if (trainable !== null && labelledCount > trainable) {
    sink.error(
      'tooManyLabels',
      `Target "${node.id}" asks for ${labelledCount} labels but only ${trainable} samples remain after holding out ${testFraction * 100}% for testing.`,
      'Lower labelledCount or testFraction, or use more samples.',
      { nodeId: node.id, field: 'labelledCount' },
    );
  }
  return domainInfo(node, role, data, { chainOrder: 0, testFraction, labels: labelledCount > 0 ? { count: labelledCount } : 'none', validationFraction: node.params.validationFraction });
}

function warnDuplicateOrders(intermediates: DomainInfo[], sink: IssueSink): void {
  for (let i = 1; i < intermediates.length; i++) {
    const [a, b] = [intermediates[i - 1]!, intermediates[i]!];
    if (a.chainOrder === b.chainOrder)
      sink.warn('duplicateOrder', `Intermediate domains "${a.nodeId}" and "${b.nodeId}" both have order ${a.chainOrder}; they are chained by id.`, 'Give each intermediate its own order: 1, 2, 3, …', {
        nodeId: b.nodeId,
        field: 'order',
      });
  }
}
