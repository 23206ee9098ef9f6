import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

/** Direct children of a process (Linux: /proc/<pid>/task/<tid>/children of each thread); undefined elsewhere. */
function children(pid: number): number[] | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const out: number[] = [];
  for (const tid of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (c.trim()) out.push(Number(c));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

function rss(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return 0;
  }
}

/** `root` and every descendant, or undefined where /proc cannot tell. */
function tree(root: number): number[] | undefined {
  if (children(root) === undefined) return undefined;
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children(pid) ?? []));
  }
  return out;
}

/**
 * Resident memory of a process and all its descendants (a run's process and its model workers), in
 * bytes; undefined where /proc is not available (the cap is then not enforced).
 */
export function treeRss(root: number): number | undefined {
  const pids = tree(root);
  return pids?.reduce((a, pid) => a + rss(pid), 0);
}

/** Every descendant of `root` (for killing a whole run, workers included). */
export function descendants(root: number): number[] {
  return (tree(root) ?? [root]).filter((p) => p !== root);
}
