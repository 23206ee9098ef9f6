import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset';
import { withLimits } from './limits';
import { decodeIdx, idxToDataset } from './parse-idx';

/** Builds an IDX file: 00 00 type ndim, big-endian sizes, then big-endian values. */
function idx(type: number, dims: number[], values: number[]): Uint8Array {
  const size = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 }[type]!;
  const buf = new Uint8Array(4 + 4 * dims.length + values.length * size);
  const v = new DataView(buf.buffer);
  buf[2] = type;
  buf[3] = dims.length;
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d));
  values.forEach((x, i) => {
    const off = 4 + 4 * dims.length + i * size;
    if (type === 0x08) v.setUint8(off, x);
    else if (type === 0x09) v.setInt8(off, x);
    else if (type === 0x0b) v.setInt16(off, x);
    else if (type === 0x0c) v.setInt32(off, x);
    else if (type === 0x0d) v.setFloat32(off, x);
    else v.setFloat64(off, x);
  });
  return buf;
}

function err(f: () => unknown): DatasetError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('decodeIdx', () => {
  it('decodes ubyte images and scales them to [0, 1], with image shape', () => {
    const images = decodeIdx(idx(0x08, [2, 2, 3], [0, 255, 51, 0, 0, 0, 1, 2, 3, 4, 5, 6]), 'img');
    const labels = decodeIdx(idx(0x08, [2], [4, 9]), 'lab');
    const d = idxToDataset(images, labels, { name: 'u', imagesFile: 'img', labelsFile: 'lab' });
    expect(d.n).toBe(2);
    expect(d.width).toBe(6);
    expect(d.imageShape).toEqual([2, 3, 1]);
    expect(d.x[1]).toBe(1);
    expect(d.x[2]).toBeCloseTo(0.2, 6);
    expect(Array.from(d.y)).toEqual([4, 9]);
    expect(d.classes).toBe(10);
  });

  it('decodes big-endian short, int, float and double, and 4-D (channels) shapes', () => {
    expect(Array.from(decodeIdx(idx(0x0b, [2], [-300, 7]), 'f').values)).toEqual([-300, 7]);
    expect(Array.from(decodeIdx(idx(0x0c, [2], [-70000, 1 << 20]), 'f').values)).toEqual([-70000, 1 << 20]);
    expect(Array.from(decodeIdx(idx(0x0d, [1, 2], [0.5, -2.25]), 'f').values)).toEqual([0.5, -2.25]);
    const d = idxToDataset(decodeIdx(idx(0x0e, [1, 1, 2, 2], [1.5, 2, 3, 4]), 'f'), undefined, { name: 'u', imagesFile: 'f' });
    expect(d.imageShape).toEqual([1, 2, 2]);
    expect(Array.from(d.x)).toEqual([1.5, 2, 3, 4]);
    expect(Array.from(d.y)).toEqual([-1]);
    expect(d.classes).toBe(0);
    const flat = idxToDataset(decodeIdx(idx(0x08, [3, 4], new Array(12).fill(1)), 'f'), undefined, { name: 'u', imagesFile: 'f' });
    expect(flat.imageShape).toBeNull();
  });

  it('rejects a bad magic number, unknown type and bad dimension count', () => {
    const bad = idx(0x08, [1], [0]);
    bad[0] = 0x50;
    bad[1] = 0x4b;
    const e = err(() => decodeIdx(bad, 'images.zip'));
    expect(e.file).toBe('images.zip');
    expect(e.message).toMatch(/does not start with an IDX magic number \(expected 00 00 .* found 50 4B\)/);
    const t = idx(0x08, [1], [0]);
    t[2] = 0x0a;
    expect(err(() => decodeIdx(t, 'f')).message).toMatch(/unknown IDX element type 0A/);
    expect(err(() => decodeIdx(idx(0x08, [1, 1, 1, 1, 1], [0]), 'f')).message).toMatch(/declares 5 dimensions/);
    expect(err(() => decodeIdx(new Uint8Array([0, 0]), 'f')).message).toMatch(/too short/);
  });

  it('rejects truncated and padded files, naming both sizes', () => {
    const full = idx(0x08, [2, 2, 2], new Array(8).fill(1));
    const e = err(() => decodeIdx(full.subarray(0, full.length - 3), 'f'));
    expect(e.message).toMatch(/header \(2×2×2 unsigned bytes\) implies 24 bytes: the file is truncated/);
    const padded = new Uint8Array(full.length + 1);
    padded.set(full);
    expect(err(() => decodeIdx(padded, 'f')).message).toMatch(/extra data after the end/);
    expect(err(() => decodeIdx(full.subarray(0, 9), 'f')).message).toMatch(/cut off inside its header/);
  });

  it('enforces the row, column and cell limits', () => {
    const f = idx(0x08, [3, 2, 2], new Array(12).fill(0));
    expect(err(() => decodeIdx(f, 'f', withLimits({ maxRows: 2 }))).message).toMatch(/3 samples; .* at most 2/);
    expect(err(() => decodeIdx(f, 'f', withLimits({ maxColumns: 3 }))).message).toMatch(/4 values per sample \(2×2\); at most 3/);
    expect(err(() => decodeIdx(f, 'f', withLimits({ maxCells: 10 }))).message).toMatch(/3×4 values; at most 10/);
  });

  it('checks labels: count, dimensionality, type, values, one class', () => {
    const images = decodeIdx(idx(0x08, [3, 2], [1, 2, 3, 4, 5, 6]), 'img');
    const opts = { name: 'u', imagesFile: 'img', labelsFile: 'lab' };
    const count = err(() => idxToDataset(images, decodeIdx(idx(0x08, [2], [0, 1]), 'lab'), opts));
    expect(count.file).toBe('lab');
    expect(count.message).toMatch(/has 2 labels but the images file img has 3 samples/);
    expect(err(() => idxToDataset(images, decodeIdx(idx(0x08, [3, 1], [0, 1, 0]), 'lab'), opts)).message).toMatch(/one-dimensional/);
    expect(err(() => idxToDataset(images, decodeIdx(idx(0x0d, [3], [0, 1, 0]), 'lab'), opts)).message).toMatch(/whole numbers/);
    expect(err(() => idxToDataset(images, decodeIdx(idx(0x09, [3], [0, -2, 1]), 'lab'), opts)).message).toMatch(/label 2 is -2/);
    expect(err(() => idxToDataset(images, decodeIdx(idx(0x08, [3], [5, 5, 5]), 'lab'), opts)).message).toMatch(/every labelled sample has class 5/);
    const partly = idxToDataset(images, decodeIdx(idx(0x09, [3], [0, -1, 2]), 'lab'), opts);
    expect(Array.from(partly.y)).toEqual([0, -1, 2]);
    expect(partly.classes).toBe(3);
  });

  it('rejects NaN in float images', () => {
    const e = err(() => idxToDataset(decodeIdx(idx(0x0d, [2, 2], [1, 2, NaN, 4]), 'img'), undefined, { name: 'u', imagesFile: 'img' }));
    expect(e.message).toMatch(/sample 2, value 1 is NaN/);
  });
});
