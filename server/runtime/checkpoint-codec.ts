import * as tf from '@tensorflow/tfjs';
import type { StageSnapshot } from './train/types';
import type { UnitPosition, UnitResult } from './units/unit-types';

/**
 * What a checkpoint holds: the units (model × seed) already finished, with their results, and the position of
 * each unit still training (stage, epoch, weights, and the stage's own state). Units train in parallel, so several
 * can be mid-way.
 */
export interface CheckpointState {
  readonly completed: Record<string, UnitResult>;
  readonly positions: ReadonlyMap<string, UnitPosition>;
}

/**
 * Format 4 adds each position's validator points scored so far (a resumed unit's curve lines up with the others').
 * Format 3 added each position's stage state (optimiser moments, loss-term variables, f_old, the batch order's
 * generator): a resumed run reproduces an uninterrupted one. Format 2 (weights only) still loads and resumes
 * inexactly; format 3 resumes without the earlier validator points; format 1 (one track, one seed) cannot be lifted: such a run restarts from the beginning.
 */
const MAGIC = 'stepstone.ckpt.4';
const MAGIC_V3 = 'stepstone.ckpt.3';
const MAGIC_V2 = 'stepstone.ckpt.2';
const MAGIC_V1 = 'stepstone.ckpt.1';

type ArrayEntry = { name: string; shape: number[]; size: number };
type Arrays = ReadonlyMap<string, { shape: number[]; values: Float32Array }>;

interface Header {
  magic: string;
  completed: Record<string, UnitResult>;
  positions: { key: string; stage: number; epoch: number; weights: ArrayEntry[]; validatorCurve?: UnitPosition['validatorCurve']; stageState?: { rng: number; adam: StageSnapshot['adam']; tensors: ArrayEntry[] } }[];
}

const entries = (arrays: Arrays): ArrayEntry[] => [...arrays].map(([name, w]) => ({ name, shape: w.shape, size: w.values.length }));

/** [u32 header length][header JSON][pad to 4][float32 arrays, in header order]. */
export function encodeCheckpoint(state: CheckpointState): Uint8Array {
  const positions = [...state.positions];
  const header: Header = {
    magic: MAGIC,
    completed: state.completed,
    positions: positions.map(([key, p]) => ({
      key,
      stage: p.stage,
      epoch: p.epoch,
      weights: entries(p.weights),
      ...(p.validatorCurve ? { validatorCurve: p.validatorCurve } : {}),
      ...(p.stageState ? { stageState: { rng: p.stageState.rng, adam: p.stageState.adam, tensors: entries(p.stageState.tensors) } } : {}),
    })),
  };
  const head = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((4 + head.length) % 4)) % 4;
  const arrays = positions.flatMap(([, p]) => [...p.weights.values(), ...(p.stageState?.tensors.values() ?? [])].map((w) => w.values));
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
  if (header.magic !== MAGIC && header.magic !== MAGIC_V3 && header.magic !== MAGIC_V2) throw new Error('Not a Stepstone checkpoint (or from an incompatible version).');
  let offset = 4 + len + ((4 - ((4 + len) % 4)) % 4);
  const read = (list: ArrayEntry[]) => {
    const out = new Map<string, { shape: number[]; values: Float32Array }>();
    for (const w of list) {
      const bytes = data.slice(offset, offset + w.size * 4);
      out.set(w.name, { shape: w.shape, values: new Float32Array(bytes.buffer, bytes.byteOffset, w.size) });
      offset += w.size * 4;
    }
    return out;
  };
  const positions = new Map<string, UnitPosition>();
  for (const p of header.positions) {
    const weights = read(p.weights);
    const stageState = p.stageState ? { rng: p.stageState.rng, adam: p.stageState.adam, tensors: read(p.stageState.tensors) } : undefined;
    positions.set(p.key, { stage: p.stage, epoch: p.epoch, weights, ...(p.validatorCurve ? { validatorCurve: p.validatorCurve } : {}), ...(stageState ? { stageState } : {}) });
  }
  return { completed: header.completed, positions };
}

export function weightsToTensors(weights: UnitPosition['weights']): Map<string, tf.Tensor> {
  return new Map([...weights].map(([name, w]) => [name, tf.tensor(w.values, w.shape)]));
}
