import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

/** ppid of every process (Linux /proc); empty elsewhere. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may contain spaces and parentheses; ppid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch {
      // exited meanwhile
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

/**
 * Resident memory of a process and all its descendants (a run's process and its model workers), in
 * bytes; undefined where /proc is not available (the cap is then not enforced).
 */
export function treeRss(root: number): number | undefined {
  const ppid = parents();
  if (ppid.size === 0) return undefined;
  const children = new Map<number, number[]>();
  for (const [pid, parent] of ppid) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Every descendant of `root` (for killing a whole run, workers included). */
export function descendants(root: number): number[] {
  const ppid = parents();
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    for (const [child, parent] of ppid) {
      if (parent === pid) {
        out.push(child);
        stack.push(child);
      }
    }
  }
  return out;
}
