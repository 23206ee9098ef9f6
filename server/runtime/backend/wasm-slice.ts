import * as tf from '@tensorflow/tfjs';

/** What this kernel needs of tfjs-backend-wasm's backend object (not exported by the package as a type). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
}

/** The package's own kernel: strings still go through it. */
let original: tf.KernelConfig | undefined;

/**
 * tfjs-backend-wasm's Slice kernel starts with `backend.readSync(x)`, which copies the WHOLE input out of the WASM
 * heap on every call, whatever the slice's size. A training step slices small batches out of an epoch's rows and
 * views out of the flat parameter vector (SplitV is slices), so that copy grew with the data and the model. This
 * kernel reads the input through a heap view instead: same result, cost proportional to the slice.
 */
function slice(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  const x = inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return original!.kernelFunc(args as never) as tf.TensorInfo;
  const b = backend as WasmBackend;
  const [begin, size] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, attrs!.begin as number[], attrs!.size as number[]) as [number[], number[]];
  // The output first: allocating can grow the heap, which would detach earlier views.
  const out = b.makeOutput(size, x.dtype);
  const xVals = b.typedArrayFromHeap(x);
  const outVals = b.typedArrayFromHeap(out);
  copyRegion(xVals, x.shape, begin, size, outVals);
  return out;
}

/** Copies the region [begin, begin + size) of a row-major array of `shape` into `out`, one innermost run at a time. */
export function copyRegion(x: tf.TypedArray, shape: readonly number[], begin: readonly number[], size: readonly number[], out: tf.TypedArray): void {
  const rank = shape.length;
  if (rank === 0 || size.some((s) => s === 0)) return;
  const strides = tf.util.computeStrides(shape as number[]);
  // Trailing axes taken whole are one contiguous run together with the last axis taken partly.
  let run = size[rank - 1]!;
  let axis = rank - 1;
  while (axis > 0 && size[axis] === shape[axis] && begin[axis] === 0) {
    axis--;
    run *= size[axis]!;
  }
  const outer = size.slice(0, axis);
  const index = new Array<number>(axis).fill(0);
  const runs = outer.reduce((a, s) => a * s, 1);
  for (let r = 0, o = 0; r < runs; r++, o += run) {
    let offset = begin[axis]! * (axis < rank ? (strides[axis] ?? 1) : 1);
    for (let k = 0; k < axis; k++) offset += (begin[k]! + index[k]!) * strides[k]!;
    out.set(x.subarray(offset, offset + run), o);
    for (let k = axis - 1; k >= 0; k--) {
      if (++index[k]! < outer[k]!) break;
      index[k] = 0;
    }
  }
}

/** Replaces the WASM backend's Slice kernel (once per process; call after the backend is registered). */
export function registerWasmSlice(): void {
  const current = tf.getKernel('Slice', 'wasm');
  if (!current || current.kernelFunc === (slice as unknown)) return;
  original = current;
  tf.unregisterKernel('Slice', 'wasm');
  tf.registerKernel({ kernelName: 'Slice', backendName: 'wasm', kernelFunc: slice as unknown as tf.KernelFunc });
}
