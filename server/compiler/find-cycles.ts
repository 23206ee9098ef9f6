import type { GraphIndex } from './graph-index';
import type { IssueSink } from './compile-issue';

/** Reports every edge that closes a cycle (iterative DFS, so deep graphs cannot overflow the stack). */
export function findCycles(index: GraphIndex, sink: IssueSink): boolean {
  const state = new Map<string, 'open' | 'done'>();
  let found = false;
  for (const start of index.nodes.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edges = index.outputs(frame.id);
      const edge = edges[frame.next++];
      if (!edge) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      const seen = state.get(edge.target);
      if (seen === 'open') {
        found = true;
        sink.error('cycle', `Edge "${edge.id}" from "${edge.source}" back to "${edge.target}" closes a cycle.`, 'A pipeline flows one way: delete this edge or rewire it forward.', {
          edgeId: edge.id,
          nodeId: edge.target,
        });
      } else if (seen === undefined) {
        state.set(edge.target, 'open');
        stack.push({ id: edge.target, next: 0 });
      }
    }
  }
  return found;
}
