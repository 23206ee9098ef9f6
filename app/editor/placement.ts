/**
 * Where new nodes go: pure geometry on node rectangles (top-left positions, estimated sizes), so
 * that nodes added, pasted or laid out never land on top of each other.
 */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Space kept between node cards. */
export const GAP = 24;

export function overlaps(a: Rect, b: Rect, gap = GAP): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * The free spot nearest to `want` for a node of `size`: candidates on rings of growing radius
 * around it (a grid of half a node), the first that overlaps nothing.
 */
export function freeSpot(want: { x: number; y: number }, size: { width: number; height: number }, taken: readonly Rect[]): { x: number; y: number } {
  const stepX = Math.round(size.width / 2);
  const stepY = Math.round(size.height / 2);
  const free = (x: number, y: number) => !taken.some((r) => overlaps({ x, y, ...size }, r));
  for (let ring = 0; ring <= 40; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const x = Math.round(want.x + dx * stepX);
        const y = Math.round(want.y + dy * stepY);
        if (free(x, y)) return { x, y };
      }
    }
  }
  return { x: Math.round(want.x), y: Math.round(want.y) };
}

/** How far to move pasted nodes: below the copied group, then further down until nothing is covered. */
export function pasteOffset(pasted: readonly Rect[], taken: readonly Rect[]): { dx: number; dy: number } {
  if (pasted.length === 0) return { dx: 0, dy: 0 };
  const top = Math.min(...pasted.map((r) => r.y));
  const bottom = Math.max(...pasted.map((r) => r.y + r.height));
  const step = bottom - top + GAP * 2;
  for (let k = 1; k <= 50; k++) {
    const dx = 40;
    const dy = k * step;
    if (!pasted.some((p) => taken.some((t) => overlaps({ ...p, x: p.x + dx, y: p.y + dy }, t)))) return { dx, dy };
  }
  return { dx: 40, dy: step };
}

/** Lays rectangles out in rows of a near-square grid starting at `origin`; returns top-left positions in order. */
export function gridPositions(sizes: ReadonlyArray<{ width: number; height: number }>, origin: { x: number; y: number }): Array<{ x: number; y: number }> {
  const cols = Math.max(1, Math.ceil(Math.sqrt(sizes.length)));
  const cellW = Math.max(0, ...sizes.map((s) => s.width)) + GAP * 2;
  const out: Array<{ x: number; y: number }> = [];
  let y = origin.y;
  for (let start = 0; start < sizes.length; start += cols) {
    const row = sizes.slice(start, start + cols);
    row.forEach((_, i) => out.push({ x: origin.x + i * cellW, y }));
    y += Math.max(...row.map((s) => s.height)) + GAP * 2;
  }
  return out;
}
