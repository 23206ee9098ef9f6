import type { PlanHead } from './training-plan';

/** Multi-task heads may reuse layer names: each task's layers run under `task_<k>/`. */
export function taskLayerName(task: number, name: string): string {
  const key = `task_${task}`;
  return name.startsWith(`${key}/`) ? name : `${key}/${name}`;
}

/**
 * The names under which the model's forward pass records the first head's layers (the source's task for a
 * multi-task head), in order; the last is its output (logits, or the embedding of a zero-shot head).
 */
export function firstHeadLayerNames(head: PlanHead): string[] {
  if (head.kind === 'multiTask') return (head.tasks[0]?.layers ?? []).map((l) => taskLayerName(0, l.name));
  return head.layers.map((l) => l.name);
}
