import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-backend-wasm has no kernels for the filter gradients of Conv2D and DepthwiseConv2D, nor for the input
 * gradient of DepthwiseConv2D, so an uploaded model's TF.js layers (server/runtime/model/uploaded-graph.ts) could
 * not be trained on WASM. These kernels compute them in plain loops over the WASM heap (NHWC; the innermost loop
 * runs over contiguous output channels). The runtime's own conv2d op keeps its im2col gradient.
 */

/** What these kernels need of tfjs-backend-wasm's backend object (not exported by the package as a type). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
}

type Info = tf.backend_util.Conv2DInfo;
type KernelArgs = { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown };

/** Calls `visit(xOffset, dyOffset, filterOffset)` for every (output pixel, filter tap) pair that reads inside the image. */
function forEachTap(c: Info, outChannels: number, visit: (xOff: number, dyOff: number, wOff: number) => void): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = c;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const dyOff = ((b * outHeight + oy) * outWidth + ox) * outChannels;
        for (let kh = 0; kh < filterHeight; kh++) {
          const iy = oy * c.strideHeight - c.padInfo.top + kh * c.dilationHeight;
          if (iy < 0 || iy >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const ix = ox * c.strideWidth - c.padInfo.left + kw * c.dilationWidth;
            if (ix < 0 || ix >= inWidth) continue;
            visit(((b * inHeight + iy) * inWidth + ix) * inChannels, dyOff, (kh * filterWidth + kw) * inChannels);
          }
        }
      }
    }
  }
}

function conv2dBackpropFilter({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as { strides: [number, number]; pad: 'same' | 'valid' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number] };
  const c = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
  const out = wasm.makeOutput(a.filterShape, 'float32');
  const [xv, dyv, dw] = [wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(dy), wasm.typedArrayFromHeap(out)];
  dw.fill(0);
  const co = c.outChannels;
  forEachTap(c, co, (xOff, dyOff, wOff) => {
    for (let ci = 0; ci < c.inChannels; ci++) {
      const v = xv[xOff + ci]!;
      if (v === 0) continue;
      const w0 = (wOff + ci) * co;
      for (let o = 0; o < co; o++) dw[w0 + o]! += v * dyv[dyOff + o]!;
    }
  });
  return out;
}

function depthwiseInfo(shape: number[], filterShape: [number, number, number, number], attrs: tf.NamedAttrMap | undefined): Info {
  const a = attrs as unknown as { strides: [number, number]; dilations: [number, number] | number; pad: 'same' | 'valid' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
  return tf.backend_util.computeConv2DInfo(shape as [number, number, number, number], filterShape, a.strides, a.dilations, a.pad, a.dimRoundingMode, true);
}

function depthwiseBackpropFilter({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const filterShape = (attrs as { filterShape: [number, number, number, number] }).filterShape;
  const c = depthwiseInfo(x.shape, filterShape, attrs);
  const m = filterShape[3];
  const out = wasm.makeOutput(filterShape, 'float32');
  const [xv, dyv, dw] = [wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(dy), wasm.typedArrayFromHeap(out)];
  dw.fill(0);
  forEachTap(c, c.inChannels * m, (xOff, dyOff, wOff) => {
    for (let ci = 0; ci < c.inChannels; ci++) {
      const v = xv[xOff + ci]!;
      for (let k = 0; k < m; k++) dw[(wOff + ci) * m + k]! += v * dyv[dyOff + ci * m + k]!;
    }
  });
  return out;
}

function depthwiseBackpropInput({ inputs, attrs, backend }: KernelArgs): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const inputShape = (attrs as { inputShape: [number, number, number, number] }).inputShape;
  const filterShape = filter.shape as [number, number, number, number];
  const c = depthwiseInfo(inputShape, filterShape, attrs);
  const m = filterShape[3];
  const out = wasm.makeOutput(inputShape, 'float32');
  const [dyv, wv, dx] = [wasm.typedArrayFromHeap(dy), wasm.typedArrayFromHeap(filter), wasm.typedArrayFromHeap(out)];
  dx.fill(0);
  forEachTap(c, c.inChannels * m, (xOff, dyOff, wOff) => {
    for (let ci = 0; ci < c.inChannels; ci++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += wv[(wOff + ci) * m + k]! * dyv[dyOff + ci * m + k]!;
      dx[xOff + ci]! += s;
    }
  });
  return out;
}

const KERNELS: Record<string, (args: KernelArgs) => tf.TensorInfo> = {
  Conv2DBackpropFilter: conv2dBackpropFilter,
  DepthwiseConv2dNativeBackpropFilter: depthwiseBackpropFilter,
  DepthwiseConv2dNativeBackpropInput: depthwiseBackpropInput,
};

/** Registers the missing WASM kernels once per process (call after the WASM backend is registered). */
export function registerWasmConvGradients(): void {
  for (const [kernelName, fn] of Object.entries(KERNELS)) {
    if (tf.getKernel(kernelName, 'wasm')) continue;
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: fn as unknown as tf.KernelFunc });
  }
}
