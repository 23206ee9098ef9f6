/** A row-major matrix of host numbers (validators run on the host: small inputs, exact float64 arithmetic). */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: ArrayLike<number>;
}

export function matrixFromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new Error(`row ${i} has ${r.length} values, expected ${cols}`);
    data.set(r, i * cols);
  });
  return { rows: rows.length, cols, data };
}

export function row(m: Matrix, i: number): ArrayLike<number> {
  const d = m.data as Float64Array;
  return typeof d.subarray === 'function' ? d.subarray(i * m.cols, (i + 1) * m.cols) : Array.prototype.slice.call(m.data, i * m.cols, (i + 1) * m.cols);
}

/** Shannon entropy (natural log) of a probability vector; 0·log 0 = 0. */
export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}
