import * as tf from '@tensorflow/tfjs';
import type { EvalMetrics } from '../../formats/run-events';

/** What a checkpoint holds: the position reached, finished tracks' results, and the model's weights. */
export interface CheckpointState {
  readonly track: string;
  readonly stage: number;
  readonly epoch: number;
  readonly completed: Record<string, EvalMetrics>;
  readonly weights: Map<string, { shape: number[]; values: Float32Array }>;
}

const MAGIC = 'stepstone.ckpt.1';

/** [u32 header length][header JSON][float32 weights, in header order]. Optimizer state is not kept. */
export function encodeCheckpoint(state: CheckpointState): Uint8Array {
  const entries = [...state.weights.entries()];
  const header = JSON.stringify({
    magic: MAGIC,
    track: state.track,
    stage: state.stage,
    epoch: state.epoch,
    completed: state.completed,
    weights: entries.map(([name, w]) => ({ name, shape: w.shape, size: w.values.length })),
  });
  const head = new TextEncoder().encode(header);
  const pad = (4 - ((4 + head.length) % 4)) % 4;
  const floats = entries.reduce((s, [, w]) => s + w.values.length, 0);
  const out = new Uint8Array(4 + head.length + pad + floats * 4);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  let offset = 4 + head.length + pad;
  for (const [, w] of entries) {
    out.set(new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength), offset);
    offset += w.values.byteLength;
  }
  return out;
}

export function decodeCheckpoint(data: Uint8Array): CheckpointState {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const len = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + len))) as {
    magic: string;
    track: string;
    stage: number;
    epoch: number;
    completed: Record<string, EvalMetrics>;
    weights: { name: string; shape: number[]; size: number }[];
  };
  if (header.magic !== MAGIC) throw new Error('Not a Stepstone checkpoint (or from an incompatible version).');
  let offset = 4 + len + ((4 - ((4 + len) % 4)) % 4);
  const weights = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const w of header.weights) {
    const bytes = data.slice(offset, offset + w.size * 4);
    weights.set(w.name, { shape: w.shape, values: new Float32Array(bytes.buffer, bytes.byteOffset, w.size) });
    offset += w.size * 4;
  }
  return { track: header.track, stage: header.stage, epoch: header.epoch, completed: header.completed, weights };
}

export function weightsToTensors(weights: CheckpointState['weights']): Map<string, tf.Tensor> {
  return new Map([...weights].map(([name, w]) => [name, tf.tensor(w.values, w.shape)]));
}
