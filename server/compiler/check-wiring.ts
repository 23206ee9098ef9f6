import type { GraphDocument, GraphEdge } from '../../formats/graph-document';
import { canConnect } from '../../nodes/core/port-types';
import type { PortSpec } from '../../nodes/core/define-node';
import { getNodeDefinition, nodeTypes } from '../../nodes/registry';
import { GraphIndex } from './graph-index';
import type { IssueSink } from './compile-issue';

/**
 * Ids, kinds, edge ends, ports, port types and input multiplicity. Returns an index holding only the
 * edges that passed, so that one bad edge yields one error here and no follow-on noise later.
 */
export function checkWiring(document: GraphDocument, sink: IssueSink): GraphIndex {
  const index = new GraphIndex(document);
  checkNodes(document, index, sink);
  const seenEdges = new Set<string>();
  const seenLinks = new Set<string>();
  for (const edge of document.edges) {
    if (seenEdges.has(edge.id)) {
      sink.error('duplicateEdgeId', `Two edges share the id "${edge.id}".`, 'Give every edge its own id (re-saving from the editor does this).', { edgeId: edge.id });
      continue;
    }
    seenEdges.add(edge.id);
    if (!checkEdge(edge, index, sink)) continue;
    const link = [edge.source, edge.sourcePort, edge.target, edge.targetPort].join('\u0000');
    if (seenLinks.has(link)) {
      sink.warn('duplicateEdge', `Edge "${edge.id}" repeats an existing connection; it is ignored.`, 'Delete the duplicate edge.', { edgeId: edge.id, nodeId: edge.target });
      continue;
    }
    seenLinks.add(link);
    index.addEdge(edge);
  }
  checkInputCounts(index, sink);
  return index;
}

function checkNodes(document: GraphDocument, index: GraphIndex, sink: IssueSink): void {
  const seen = new Set<string>();
  for (const node of document.nodes) {
    if (seen.has(node.id)) {
      sink.error('duplicateId', `Two nodes share the id "${node.id}".`, 'Give every node its own id; edges cannot tell them apart.', { nodeId: node.id, field: 'id' });
      continue;
    }
    seen.add(node.id);
    const def = getNodeDefinition(node.type);
    if (!def) {
      sink.error('unknownKind', `Node "${node.id}" has the unknown kind "${node.type.slice(0, 64)}".`, `Replace it with one of: ${nodeTypes.join(', ')}.`, { nodeId: node.id, field: 'type' });
    } else if (node.typeVersion > def.version) {
      sink.error(
        'nodeVersionTooNew',
        `Node "${node.id}" was saved by ${node.type} version ${node.typeVersion}; this Stepstone knows up to version ${def.version}.`,
        'Open the graph in the newer Stepstone that saved it, or replace the node.',
        { nodeId: node.id, field: 'typeVersion' },
      );
    }
  }
}

function findPort(ports: readonly PortSpec[], name: string): PortSpec | undefined {
  return ports.find((p) => p.name === name);
}

function portList(ports: readonly PortSpec[]): string {
  return ports.length > 0 ? ports.map((p) => p.name).join(', ') : 'none';
}

function checkEdge(edge: GraphEdge, index: GraphIndex, sink: IssueSink): boolean {
  const at = { edgeId: edge.id };
  const from = index.nodes.get(edge.source);
  const to = index.nodes.get(edge.target);
  if (!from) sink.error('danglingEdge', `Edge "${edge.id}" starts at a node "${edge.source}" that does not exist.`, 'Delete the edge or reconnect it.', { ...at, field: 'source' });
  if (!to) sink.error('danglingEdge', `Edge "${edge.id}" ends at a node "${edge.target}" that does not exist.`, 'Delete the edge or reconnect it.', { ...at, field: 'target' });
  if (!from || !to) return false;
  const fromDef = getNodeDefinition(from.type);
  const toDef = getNodeDefinition(to.type);
  if (!fromDef || !toDef) return false; // already reported as unknown kinds
  const out = findPort(fromDef.outputs, edge.sourcePort);
  const input = findPort(toDef.inputs, edge.targetPort);
  if (!out)
    sink.error('unknownPort', `${fromDef.title} "${from.id}" has no output "${edge.sourcePort}".`, `Its outputs: ${portList(fromDef.outputs)}.`, { ...at, nodeId: from.id, field: 'sourcePort' });
  if (!input)
    sink.error('unknownPort', `${toDef.title} "${to.id}" has no input "${edge.targetPort}".`, `Its inputs: ${portList(toDef.inputs)}.`, { ...at, nodeId: to.id, field: 'targetPort' });
  if (!out || !input) return false;
  if (!canConnect(out.type, input.type)) {
    sink.error(
      'portTypeMismatch',
      `Edge "${edge.id}" carries ${out.type} from "${from.id}".${out.name} into "${to.id}".${input.name}, which takes ${input.type}.`,
      `Connect a ${input.type} output to ${input.name}.`,
      { ...at, nodeId: to.id, field: input.name },
    );
    return false;
  }
  return true;
}

function checkInputCounts(index: GraphIndex, sink: IssueSink): void {
  for (const node of index.nodes.values()) {
    const def = getNodeDefinition(node.type);
    if (!def) continue;
    for (const port of def.inputs) {
      const edges = index.inputs(node.id, port.name);
      if (!port.multiple)
        for (const extra of edges.slice(1))
          sink.error('multipleEdges', `${def.title} "${node.id}" takes one edge into "${port.name}" but has ${edges.length}.`, `Keep one edge into ${port.name}; delete "${extra.id}".`, {
            nodeId: node.id,
            edgeId: extra.id,
            field: port.name,
          });
      if (port.required && edges.length === 0)
        sink.error('missingInput', `${def.title} "${node.id}" needs its "${port.name}" input connected.`, `Connect a ${port.type} output (${port.label}) to ${port.name}.`, {
          nodeId: node.id,
          field: port.name,
        });
    }
  }
}
