import * as tf from '@tensorflow/tfjs';

const KERNEL = 'StepstoneAdamUpdate';

interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/**
 * Adam's update of one flat parameter vector as ONE kernel on WASM: tf.train.adam spends ~18 kernels per variable
 * per step (moments, bias corrections, square root, the update), which on a small model is a tenth of a step.
 * It reproduces tf.train.adam bit for bit: every operation rounded to float32 (Math.fround) in TF.js's order, with
 * TF.js's float32 running powers β₁ᵗ, β₂ᵗ — adversarial training amplifies a last-bit difference into another run.
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p + (−lr)·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
 */
function adamUpdate({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo[] {
  const f = Math.fround;
  const b = backend as WasmBackend;
  const { p, m, v, g } = inputs as Record<'p' | 'm' | 'v' | 'g', tf.TensorInfo>;
  const a = attrs as Record<'lr' | 'beta1' | 'beta2' | 'epsilon' | 'accBeta1' | 'accBeta2', number>;
  // Outputs first: allocating can grow the heap, which would detach earlier views.
  const outs = [b.makeOutput(p!.shape, 'float32'), b.makeOutput(p!.shape, 'float32'), b.makeOutput(p!.shape, 'float32')];
  const [pv, mv, vv, gv] = [p!, m!, v!, g!].map((x) => b.typedArrayFromHeap(x));
  const [po, mo, vo] = outs.map((x) => b.typedArrayFromHeap(x));
  const [b1, b2, c1, c2] = [f(a.beta1), f(a.beta2), f(1 - a.beta1), f(1 - a.beta2)];
  const [d1, d2, eps, step] = [f(1 - a.accBeta1), f(1 - a.accBeta2), f(a.epsilon), f(-a.lr)];
  for (let i = 0; i < pv!.length; i++) {
    const gi = gv![i]!;
    const mi = f(f(mv![i]! * b1) + f(gi * c1));
    const vi = f(f(vv![i]! * b2) + f(f(gi * gi) * c2));
    mo![i] = mi;
    vo![i] = vi;
    po![i] = f(f(f(f(mi / d1) / f(f(Math.sqrt(f(vi / d2))) + eps)) * step) + pv![i]!);
  }
  return outs;
}

let registered = false;

/** Registers the kernel with the WASM backend (once; call after the backend is loaded). */
export function registerAdamKernel(): void {
  if (registered || tf.getKernel(KERNEL, 'wasm')) return;
  tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: adamUpdate as unknown as tf.KernelFunc });
  registered = true;
}

export interface AdamState {
  readonly m: tf.Tensor | null;
  readonly v: tf.Tensor | null;
  readonly accBeta1: number;
  readonly accBeta2: number;
}

/** Adam over one flat variable; the learning rate can change every step (schedules). */
export class FlatAdam {
  private m: tf.Variable | null = null;
  private v: tf.Variable | null = null;
  /** β₁ᵗ and β₂ᵗ as TF.js keeps them: float32, multiplied once per step. */
  private accBeta1: number;
  private accBeta2: number;
  private readonly epsilon = tf.backend().epsilon();

  constructor(
    public learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
  ) {
    this.accBeta1 = Math.fround(beta1);
    this.accBeta2 = Math.fround(beta2);
  }

  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }

  /** p ← Adam(p, grad). */
  apply(p: tf.Variable, grad: tf.Tensor): void {
    this.m ??= tf.tidy(() => tf.variable(tf.zerosLike(p), false));
    this.v ??= tf.tidy(() => tf.variable(tf.zerosLike(p), false));
    const m = this.m;
    const v = this.v;
    tf.tidy(() => {
      const [np, nm, nv] = tf.getBackend() === 'wasm' && tf.getKernel(KERNEL, 'wasm') ? this.kernel(p, m, v, grad) : this.ops(p, m, v, grad);
      p.assign(np!);
      m.assign(nm!);
      v.assign(nv!);
    });
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(this.beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(this.beta2));
  }

  /** The moments and running powers β₁ᵗ, β₂ᵗ: what an exact resume needs besides the parameters. */
  snapshot(): AdamState {
    return { m: this.m, v: this.v, accBeta1: this.accBeta1, accBeta2: this.accBeta2 };
  }

  /** Continues from a snapshot (moments copied into this optimiser's own variables). */
  restore(s: { m: tf.Tensor | null; v: tf.Tensor | null; accBeta1: number; accBeta2: number }): void {
    this.accBeta1 = s.accBeta1;
    this.accBeta2 = s.accBeta2;
    this.m?.dispose();
    this.v?.dispose();
    this.m = s.m ? tf.variable(s.m, false) : null;
    this.v = s.v ? tf.variable(s.v, false) : null;
  }

  private kernel(p: tf.Tensor, m: tf.Tensor, v: tf.Tensor, g: tf.Tensor): tf.Tensor[] {
    const attrs = { lr: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, accBeta1: this.accBeta1, accBeta2: this.accBeta2 };
    return tf.engine().runKernel(KERNEL, { p, m, v, g }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  }

  /** The same update with TF.js ops (backends without the kernel). */
  private ops(p: tf.Tensor, m: tf.Tensor, v: tf.Tensor, g: tf.Tensor): tf.Tensor[] {
    const nm = tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1));
    const nv = tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
    const mHat = tf.div(nm, Math.fround(1 - this.accBeta1));
    const vHat = tf.div(nv, Math.fround(1 - this.accBeta2));
    return [tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), -this.learningRate), p), nm, nv];
  }

  dispose(): void {
    this.m?.dispose();
    this.v?.dispose();
  }
}
