import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-backend-wasm has no kernels for the filter gradients of Conv2D and DepthwiseConv2D, nor for the input
 * gradient of DepthwiseConv2D, so an uploaded model's TF.js layers (server/runtime/model/uploaded-stack.ts) could
 * not be trained on WASM. These kernels run TF.js's own CPU implementations on the WASM heap: the CPU kernel reads
 * `backend.data.get(id).values` and returns `backend.makeTensorInfo(shape, dtype, values)`, which this adapter
 * maps onto heap views. Same arithmetic as the CPU backend, in JavaScript (the runtime's own conv2d op keeps its
 * faster im2col gradient).
 */
const MISSING = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'] as const;

/** What these kernels need of tfjs-backend-wasm's backend object (not exported by the package as a type). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
}

/** A stand-in for the CPU backend over the kernel's WASM inputs. */
function cpuView(wasm: WasmBackend, inputs: tf.NamedTensorInfoMap) {
  const byId = new Map<unknown, tf.TensorInfo>(Object.values(inputs).map((t) => [t!.dataId, t!]));
  return {
    data: { get: (id: unknown) => ({ values: wasm.typedArrayFromHeap(byId.get(id)!) }) },
    makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.TypedArray): tf.TensorInfo {
      const out = wasm.makeOutput(shape, dtype);
      wasm.typedArrayFromHeap(out).set(values);
      return out;
    },
  };
}

/** Registers the missing WASM kernels once per process (call after the WASM backend is registered). */
export function registerWasmConvGradients(): void {
  for (const name of MISSING) {
    if (tf.getKernel(name, 'wasm')) continue;
    const cpu = tf.getKernel(name, 'cpu');
    if (!cpu) continue;
    tf.registerKernel({
      kernelName: name,
      backendName: 'wasm',
      kernelFunc: ({ inputs, attrs, backend }) => cpu.kernelFunc({ inputs, attrs, backend: cpuView(backend as unknown as WasmBackend, inputs) as never }) as tf.TensorInfo,
    });
  }
}
