import * as tf from '@tensorflow/tfjs';
import { customOp } from './custom-op';

export interface Conv2dOptions {
  /** Same stride along height and width; default 1. */
  readonly strides?: number;
  /** Default 'same'. */
  readonly pad?: 'same' | 'valid';
  /** Added per output channel, fused into the forward kernel (FusedConv2D). */
  readonly bias?: tf.Tensor1D;
  /** Fused into the forward kernel; default 'linear'. */
  readonly activation?: 'linear' | 'relu';
}

function outputSize(input: number, kernel: number, stride: number, pad: 'same' | 'valid'): { out: number; before: number; total: number } {
  if (pad === 'valid') return { out: Math.floor((input - kernel) / stride) + 1, before: 0, total: 0 };
  const out = Math.ceil(input / stride);
  const total = Math.max((out - 1) * stride + kernel - input, 0);
  return { out, before: Math.floor(total / 2), total };
}

/**
 * Filter gradient by im2col: the kh·kw shifted (strided) views of the padded input, concatenated on the channel
 * axis, give [B·outH·outW, kh·kw·inC] columns whose order matches the filter layout [kh, kw, inC, outC];
 * dW = colsᵀ·dy with an explicit transpose.
 */
function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: [number, number, number, number], stride: number, pad: 'same' | 'valid'): tf.Tensor4D {
  const [batch, height, width, inC] = x.shape;
  const [kh, kw, , outC] = filterShape;
  const rows = outputSize(height, kh, stride, pad);
  const cols = outputSize(width, kw, stride, pad);
  const padded =
    rows.total > 0 || cols.total > 0
      ? tf.pad(x, [
          [0, 0],
          [rows.before, rows.total - rows.before],
          [cols.before, cols.total - cols.before],
          [0, 0],
        ])
      : x;
  const patches: tf.Tensor4D[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      patches.push(
        tf.stridedSlice(padded, [0, i, j, 0], [batch, i + (rows.out - 1) * stride + 1, j + (cols.out - 1) * stride + 1, inC], [1, stride, stride, 1]) as tf.Tensor4D,
      );
    }
  }
  const columns = tf.reshape(patches.length === 1 ? patches[0]! : tf.concat(patches, 3), [batch * rows.out * cols.out, kh * kw * inC]) as tf.Tensor2D;
  const dy2 = tf.reshape(dy, [batch * rows.out * cols.out, outC]) as tf.Tensor2D;
  return tf.reshape(tf.matMul(tf.transpose(columns), dy2), filterShape) as tf.Tensor4D;
}

/**
 * 2-D convolution (NHWC input, [kh, kw, inC, outC] filter) that can be trained on the WASM backend: TF.js's own
 * conv2d gradient needs the Conv2DBackpropFilter kernel, which tfjs-backend-wasm does not register (the runtime
 * registers a plain-loop one for uploaded layers models, backend/wasm-conv-gradients.ts; this op is faster). Forward is one
 * FusedConv2D kernel (bias and ReLU fused); dx is tf.conv2dTranspose (Conv2DBackpropInput, which WASM has); dW is
 * computed by im2col + matMul; db is the sum of the masked upstream gradient.
 */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, options: Conv2dOptions = {}): tf.Tensor4D {
  const stride = options.strides ?? 1;
  const pad = options.pad ?? 'same';
  const activation = options.activation ?? 'linear';
  const bias = options.bias;
  if (x.rank !== 4 || filter.rank !== 4) throw new Error(`conv2d: expected x [batch, h, w, c] and filter [kh, kw, inC, outC], got ${JSON.stringify(x.shape)} and ${JSON.stringify(filter.shape)}`);
  if (x.shape[3] !== filter.shape[2]) throw new Error(`conv2d: input has ${x.shape[3]} channels but the filter expects ${filter.shape[2]}`);
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`conv2d: strides must be a positive integer, got ${stride}`);
  if (bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== filter.shape[3])) throw new Error(`conv2d: bias must have shape [${filter.shape[3]}], got ${JSON.stringify(bias.shape)}`);
  const op = customOp(([xv, w, b], save) => {
    const y = tf.fused.conv2d({ x: xv as tf.Tensor4D, filter: w as tf.Tensor4D, strides: stride, pad, bias: b, activation });
    save(activation === 'relu' ? [xv!, w!, y] : [xv!, w!]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [sx, sw, sy] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D | undefined];
        // g = dy masked by the ReLU (fused forward: the mask is where the output is positive).
        const g = (sy === undefined ? dy : tf.mul(dy, tf.step(sy))) as tf.Tensor4D;
        const grads: tf.Tensor[] = [tf.conv2dTranspose(g, sw, sx.shape, stride, pad), filterGradient(sx, g, sw.shape, stride, pad)];
        if (b !== undefined) grads.push(tf.sum(g, [0, 1, 2]));
        return grads;
      },
    };
  });
  return (bias === undefined ? op(x, filter) : op(x, filter, bias)) as tf.Tensor4D;
}
