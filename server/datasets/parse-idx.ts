import { DatasetError, type Dataset } from './dataset';
import { formatBytes, uploadLimits, type UploadLimits } from './limits';

/** IDX element types (the third byte of the magic number), as in the MNIST file format. */
const idxTypes = {
  0x08: { name: 'unsigned byte', size: 1 },
  0x09: { name: 'signed byte', size: 1 },
  0x0b: { name: 'short', size: 2 },
  0x0c: { name: 'int', size: 4 },
  0x0d: { name: 'float', size: 4 },
  0x0e: { name: 'double', size: 8 },
} as const;
type IdxTypeCode = keyof typeof idxTypes;

export interface IdxArray {
  /** Element type code: 0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double. */
  type: IdxTypeCode;
  dims: number[];
  /** Values, converted to numbers (big-endian decoded). */
  values: Float64Array | Uint8Array;
}

/**
 * Decodes one IDX file: 0x00 0x00, type byte, dimension count, then big-endian uint32 sizes and the
 * data. Checks every size against the file length, so a truncated or padded file is reported.
 */
export function decodeIdx(bytes: Uint8Array, file: string, limits: UploadLimits = uploadLimits): IdxArray {
  if (bytes.length < 4) {
    throw new DatasetError(`is ${bytes.length} bytes long, too short to be an IDX file (it needs at least a 4-byte magic number).`, { file });
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DatasetError(
      `does not start with an IDX magic number (expected 00 00 at the start, found ${hex(bytes[0]!)} ${hex(bytes[1]!)}). ` +
        'Upload MNIST-style IDX files (e.g. train-images-idx3-ubyte), gzip-compressed or not.',
      { file },
    );
  }
  const typeCode = bytes[2]!;
  if (!Object.hasOwn(idxTypes, typeCode)) {
    throw new DatasetError(`has an unknown IDX element type ${hex(typeCode)} (byte 3). Known: 08 ubyte, 09 byte, 0B short, 0C int, 0D float, 0E double.`, { file });
  }
  const type = typeCode as IdxTypeCode;
  const ndim = bytes[3]!;
  if (ndim < 1 || ndim > 4) {
    throw new DatasetError(`declares ${ndim} dimensions; IDX uploads may have 1 to 4 (samples × height × width × channels).`, { file });
  }
  const headerLength = 4 + 4 * ndim;
  if (bytes.length < headerLength) {
    throw new DatasetError(`is cut off inside its header (${bytes.length} bytes; the ${ndim} dimension sizes need ${headerLength}).`, { file });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < ndim; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    if (size === 0) throw new DatasetError(`dimension ${d + 1} has size 0: the file holds no data.`, { file });
    dims.push(size);
  }
  const rows = dims[0]!;
  const perRow = dims.slice(1).reduce((a, b) => a * b, 1);
  if (rows > limits.maxRows) {
    throw new DatasetError(`holds ${rows} samples; uploads may have at most ${limits.maxRows}. Upload a subset.`, { file });
  }
  if (perRow > limits.maxColumns) {
    throw new DatasetError(`has ${perRow} values per sample (${dims.slice(1).join('×')}); at most ${limits.maxColumns} are allowed.`, { file });
  }
  if (rows * perRow > limits.maxCells) {
    throw new DatasetError(`holds ${rows}×${perRow} values; at most ${limits.maxCells} are allowed. Upload fewer samples.`, { file });
  }
  const { size, name } = idxTypes[type];
  const expected = headerLength + rows * perRow * size;
  if (bytes.length !== expected) {
    throw new DatasetError(
      `has ${formatBytes(bytes.length)} (${bytes.length} bytes) but its header (${dims.join('×')} ${name}s) implies ${expected} bytes: ` +
        (bytes.length < expected ? 'the file is truncated. Upload it again.' : 'there is extra data after the end.'),
      { file },
    );
  }
  const count = rows * perRow;
  if (type === 0x08) return { type, dims, values: bytes.subarray(headerLength, expected) };
  const values = new Float64Array(count);
  for (let i = 0, off = headerLength; i < count; i++, off += size) {
    switch (type) {
      case 0x09: values[i] = view.getInt8(off); break;
      case 0x0b: values[i] = view.getInt16(off, false); break;
      case 0x0c: values[i] = view.getInt32(off, false); break;
      case 0x0d: values[i] = view.getFloat32(off, false); break;
      case 0x0e: values[i] = view.getFloat64(off, false); break;
    }
  }
  return { type, dims, values };
}

export interface IdxDatasetOptions {
  name: string;
  imagesFile: string;
  labelsFile?: string;
  limits?: UploadLimits;
}

/**
 * Builds a data set from an images IDX array (samples × … ) and an optional labels IDX array (samples).
 * Unsigned-byte images are scaled to [0, 1] (the MNIST convention); other types are kept as they are.
 * Labels: whole numbers ≥ 0 are classes; −1 marks an unlabelled sample.
 */
export function idxToDataset(images: IdxArray, labels: IdxArray | undefined, opts: IdxDatasetOptions): Dataset {
  const limits = opts.limits ?? uploadLimits;
  const n = images.dims[0]!;
  const width = images.dims.slice(1).reduce((a, b) => a * b, 1);
  const x = new Float32Array(n * width);
  if (images.type === 0x08) {
    const v = images.values;
    for (let i = 0; i < x.length; i++) x[i] = v[i]! / 255;
  } else {
    const v = images.values;
    for (let i = 0; i < x.length; i++) {
      const value = v[i]!;
      if (!Number.isFinite(value)) {
        throw new DatasetError(`sample ${Math.floor(i / width) + 1}, value ${(i % width) + 1} is ${value}; NaN and infinite values are not allowed.`, { file: opts.imagesFile });
      }
      x[i] = value;
    }
  }
  const d = images.dims;
  const imageShape: [number, number, number] | null =
    d.length === 3 ? [d[1]!, d[2]!, 1] : d.length === 4 ? [d[1]!, d[2]!, d[3]!] : null;

  const y = new Int32Array(n).fill(-1);
  let classes = 0;
  if (labels) {
    const file = opts.labelsFile;
    if (labels.dims.length !== 1) {
      throw new DatasetError(`a labels file must be one-dimensional (one label per sample); this one is ${labels.dims.join('×')}.`, { file });
    }
    if (labels.dims[0] !== n) {
      throw new DatasetError(`has ${labels.dims[0]} labels but the images file ${opts.imagesFile} has ${n} samples: they must match one to one.`, { file });
    }
    if (labels.type === 0x0d || labels.type === 0x0e) {
      throw new DatasetError('labels must be whole numbers (IDX type ubyte, byte, short or int), not floating point.', { file });
    }
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const v = labels.values[i]!;
      if (v === -1) continue;
      if (v < 0) throw new DatasetError(`label ${i + 1} is ${v}; labels must be classes 0, 1, 2, … (or −1 for unlabelled).`, { file });
      if (v >= limits.maxClasses) throw new DatasetError(`label ${i + 1} is ${v}; at most ${limits.maxClasses} classes are allowed.`, { file });
      y[i] = v;
      seen.add(v);
      if (v + 1 > classes) classes = v + 1;
    }
    if (seen.size === 1) {
      throw new DatasetError(`every labelled sample has class ${[...seen][0]}: a classifier needs at least two classes. Use −1 for unlabelled samples, or upload no labels file.`, { file });
    }
  }
  return { name: opts.name, x, y, n, width, classes, imageShape };
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0').toUpperCase();
}
