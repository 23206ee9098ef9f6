import * as tf from '@tensorflow/tfjs';
import type { UnitPosition, UnitResult } from './units/unit-types';

/**
 * What a checkpoint holds: the units (model × seed) already finished, with their results, and the position of
 * each unit still training (stage, epoch, weights). Units train in parallel, so several can be mid-way.
 */
export interface CheckpointState {
  readonly completed: Record<string, UnitResult>;
  readonly positions: ReadonlyMap<string, UnitPosition>;
}

/** Format 2 (per unit). Format 1 (one track, one seed) cannot be lifted: such a run restarts from the beginning. */
const MAGIC = 'stepstone.ckpt.2';
const MAGIC_V1 = 'stepstone.ckpt.1';

interface Header {
  magic: string;
  completed: Record<string, UnitResult>;
  positions: { key: string; stage: number; epoch: number; weights: { name: string; shape: number[]; size: number }[] }[];
}

/** [u32 header length][header JSON][float32 weights, in header order]. Optimizer state is not kept. */
export function encodeCheckpoint(state: CheckpointState): Uint8Array {
  const positions = [...state.positions];
  const header: Header = {
    magic: MAGIC,
    completed: state.completed,
    positions: positions.map(([key, p]) => ({ key, stage: p.stage, epoch: p.epoch, weights: [...p.weights].map(([name, w]) => ({ name, shape: w.shape, size: w.values.length })) })),
  };
  const head = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((4 + head.length) % 4)) % 4;
  const arrays = positions.flatMap(([, p]) => [...p.weights.values()].map((w) => w.values));
  const out = new Uint8Array(4 + head.length + pad + arrays.reduce((s, a) => s + a.byteLength, 0));
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  let offset = 4 + head.length + pad;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  return out;
}

/** The state, or null for a checkpoint of format 1 (the run restarts). Throws on anything else. */
export function decodeCheckpoint(data: Uint8Array): CheckpointState | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const len = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + len))) as Header;
  if (header.magic === MAGIC_V1) return null;
  if (header.magic !== MAGIC) throw new Error('Not a Stepstone checkpoint (or from an incompatible version).');
  let offset = 4 + len + ((4 - ((4 + len) % 4)) % 4);
  const positions = new Map<string, UnitPosition>();
  for (const p of header.positions) {
    const weights = new Map<string, { shape: number[]; values: Float32Array }>();
    for (const w of p.weights) {
      const bytes = data.slice(offset, offset + w.size * 4);
      weights.set(w.name, { shape: w.shape, values: new Float32Array(bytes.buffer, bytes.byteOffset, w.size) });
      offset += w.size * 4;
    }
    positions.set(p.key, { stage: p.stage, epoch: p.epoch, weights });
  }
  return { completed: header.completed, positions };
}

export function weightsToTensors(weights: UnitPosition['weights']): Map<string, tf.Tensor> {
  return new Map([...weights].map(([name, w]) => [name, tf.tensor(w.values, w.shape)]));
}
