import type { GraphComment, GraphGroup, GraphNode } from '../../formats/graph-document';
import { limits } from '../../formats/limits';

/**
 * Comments (sticky notes) and groups (titled frames around nodes) as pure functions on the
 * editor's arrays; the store wraps each in one undo step.
 */

export function freshAnnotationId(prefix: 'note' | 'group', taken: Iterable<{ id: string }>): string {
  const ids = new Set([...taken].map((t) => t.id));
  for (let i = 1; ; i++) if (!ids.has(`${prefix}-${i}`)) return `${prefix}-${i}`;
}

export function addComment(comments: readonly GraphComment[], position: { x: number; y: number }, text = ''): GraphComment[] {
  if (comments.length >= limits.maxComments) throw new Error(`A graph holds at most ${limits.maxComments} comments`);
  return [...comments, { id: freshAnnotationId('note', comments), text: text.slice(0, limits.maxCommentLength), position: { ...position }, width: 220 }];
}

export function updateComment(comments: readonly GraphComment[], id: string, patch: Partial<Pick<GraphComment, 'text' | 'position'>>): GraphComment[] {
  return comments.map((c) => (c.id === id ? { ...c, ...patch, text: (patch.text ?? c.text).slice(0, limits.maxCommentLength) } : c));
}

/** A group of the given nodes; a node belongs to one group at most (it leaves its old one). */
export function groupNodes(groups: readonly GraphGroup[], nodeIds: readonly string[], title: string): GraphGroup[] {
  if (nodeIds.length === 0) return [...groups];
  if (groups.length >= limits.maxGroups) throw new Error(`A graph holds at most ${limits.maxGroups} groups`);
  const members = new Set(nodeIds);
  const rest = withoutNodes(groups, members);
  return [...rest, { id: freshAnnotationId('group', groups), title: title.slice(0, limits.maxNameLength), nodes: [...members] }];
}

/** Groups without the given nodes; groups left empty disappear. */
export function withoutNodes(groups: readonly GraphGroup[], removed: ReadonlySet<string>): GraphGroup[] {
  return groups.map((g) => ({ ...g, nodes: g.nodes.filter((n) => !removed.has(n)) })).filter((g) => g.nodes.length > 0);
}

/** Groups whose node ids all exist (a loaded document may name nodes that are gone). */
export function validGroups(groups: readonly GraphGroup[], nodes: readonly GraphNode[]): GraphGroup[] {
  const ids = new Set(nodes.map((n) => n.id));
  return groups.map((g) => ({ ...g, nodes: g.nodes.filter((n) => ids.has(n)) })).filter((g) => g.nodes.length > 0);
}

export const GROUP_PADDING = 28;
/** Room above the nodes for the group's title bar. */
export const GROUP_HEADER = 30;

/** The frame drawn around a group's nodes (top-left and size), from their positions and sizes. */
export function groupFrame(group: GraphGroup, nodes: ReadonlyMap<string, GraphNode>, size: (n: GraphNode) => { width: number; height: number }) {
  const members = group.nodes.map((id) => nodes.get(id)).filter((n): n is GraphNode => !!n);
  if (members.length === 0) return null;
  const left = Math.min(...members.map((n) => n.position.x)) - GROUP_PADDING;
  const top = Math.min(...members.map((n) => n.position.y)) - GROUP_PADDING - GROUP_HEADER;
  const right = Math.max(...members.map((n) => n.position.x + size(n).width)) + GROUP_PADDING;
  const bottom = Math.max(...members.map((n) => n.position.y + size(n).height)) + GROUP_PADDING;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
