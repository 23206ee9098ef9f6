/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, algorithm 7.4 with the two-loop recursion 7.5)
 * with a backtracking Armijo line search: a smooth convex objective minimised to a gradient tolerance within an
 * iteration cap. Used to fit logistic regression to convergence (TrAdaBoost's base learner and its baselines).
 */

/** f(θ) and ∇f(θ); writes the gradient into `grad` and returns f. */
export type Objective = (theta: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when max |∂f/∂θᵢ| ≤ gradientTolerance (default 1e-6). */
  readonly gradientTolerance?: number;
  /** Stop when an iteration lowers f by less than this fraction of max(|f|, 1) (default 1e-12). */
  readonly relativeDecrease?: number;
  /** Iteration cap (default 500). */
  readonly maxIterations?: number;
  /** Correction pairs kept (default 10). */
  readonly memory?: number;
}

export interface LbfgsResult {
  readonly theta: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** True when a tolerance stopped it, false when the cap did. */
  readonly converged: boolean;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const maxAbs = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** The two-loop recursion: d = −H·g from the stored pairs (s, y), H₀ = (sᵀy / yᵀy)·I. */
function direction(g: Float64Array, s: Float64Array[], y: Float64Array[]): Float64Array {
  const q = Float64Array.from(g);
  const alpha = new Float64Array(s.length);
  for (let k = s.length - 1; k >= 0; k--) {
    alpha[k] = dot(s[k]!, q) / dot(y[k]!, s[k]!);
    for (let i = 0; i < q.length; i++) q[i] = q[i]! - alpha[k]! * y[k]![i]!;
  }
  const last = s.length - 1;
  const gamma = last >= 0 ? dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
  for (let i = 0; i < q.length; i++) q[i] = q[i]! * gamma;
  for (let k = 0; k < s.length; k++) {
    const beta = dot(y[k]!, q) / dot(y[k]!, s[k]!);
    for (let i = 0; i < q.length; i++) q[i] = q[i]! + s[k]![i]! * (alpha[k]! - beta);
  }
  for (let i = 0; i < q.length; i++) q[i] = -q[i]!;
  return q;
}

/** Backtracking along d from θ until the Armijo condition holds; null when no step lowers f. */
function lineSearch(f: Objective, theta: Float64Array, value: number, g: Float64Array, d: Float64Array): { theta: Float64Array; grad: Float64Array; value: number } | null {
  const slope = dot(g, d);
  if (!(slope < 0)) return null;
  const next = new Float64Array(theta.length);
  const grad = new Float64Array(theta.length);
  for (let step = 1, tries = 0; tries < 40; tries++, step *= 0.5) {
    for (let i = 0; i < theta.length; i++) next[i] = theta[i]! + step * d[i]!;
    const v = f(next, grad);
    if (Number.isFinite(v) && v <= value + 1e-4 * step * slope) return { theta: next, grad, value: v };
  }
  return null;
}

/** Minimises `f` from `theta0`. */
export function lbfgs(f: Objective, theta0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const gtol = options.gradientTolerance ?? 1e-6;
  const ftol = options.relativeDecrease ?? 1e-12;
  const cap = options.maxIterations ?? 500;
  const memory = options.memory ?? 10;
  let theta: Float64Array = Float64Array.from(theta0);
  let g: Float64Array = new Float64Array(theta.length);
  let value = f(theta, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  for (let it = 0; it < cap; it++) {
    if (maxAbs(g) <= gtol) return { theta, value, iterations: it, converged: true };
    let found = lineSearch(f, theta, value, g, direction(g, s, y));
    if (!found && s.length > 0) {
      // A stale curvature model: restart from steepest descent once.
      s.length = 0;
      y.length = 0;
      found = lineSearch(f, theta, value, g, direction(g, s, y));
    }
    if (!found) return { theta, value, iterations: it, converged: true };
    const sk = found.theta.map((v, i) => v - theta[i]!);
    const yk = found.grad.map((v, i) => v - g[i]!);
    if (dot(sk, yk) > 1e-12 * dot(yk, yk)) {
      s.push(sk);
      y.push(yk);
      if (s.length > memory) {
        s.shift();
        y.shift();
      }
    }
    const decrease = value - found.value;
    theta = found.theta;
    g = found.grad;
    value = found.value;
    if (decrease <= ftol * Math.max(Math.abs(value), 1)) return { theta, value, iterations: it + 1, converged: true };
  }
  return { theta, value, iterations: cap, converged: maxAbs(g) <= gtol };
}
