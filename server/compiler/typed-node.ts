import type { NodeParams, NodeType } from '../../nodes/registry';

/** A node of a known kind whose params passed its schema: the compiler's working unit. */
export type TypedNode = { [K in NodeType]: { readonly id: string; readonly type: K; readonly params: NodeParams<K>; readonly label?: string } }[NodeType];

export type NodeOf<K extends NodeType> = Extract<TypedNode, { type: K }>;

export function isKind<K extends NodeType>(node: TypedNode | undefined, ...kinds: K[]): node is NodeOf<K> {
  return node !== undefined && (kinds as string[]).includes(node.type);
}
