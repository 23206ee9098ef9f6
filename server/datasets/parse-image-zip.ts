import sharp from 'sharp';
import { imageOptionsSchema, type ImageOptions } from '../../formats/image-options';
import { DatasetError, type Dataset } from './dataset';
import { readZipImages, type ZipImage } from './image-zip-entries';
import type { UploadLimits } from './limits';

/** One image → size × size × channels floats in [0, 1]; its pixel count is checked before it is decoded. */
async function decode(image: ZipImage, options: ImageOptions, limits: UploadLimits, file: string): Promise<Buffer> {
  const where = `${image.className}/${image.name}`;
  let meta;
  try {
    meta = await sharp(image.bytes).metadata();
  } catch {
    throw new DatasetError(`"${where}" is not a readable PNG or JPEG image.`, { file });
  }
  if (meta.format !== 'png' && meta.format !== 'jpeg') throw new DatasetError(`"${where}" is ${meta.format ?? 'not an image'}; only PNG and JPEG images are read.`, { file });
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > limits.maxImagePixels) {
    throw new DatasetError(`"${where}" is ${meta.width}×${meta.height} pixels; images may have at most ${limits.maxImagePixels.toLocaleString('en')} pixels.`, { file });
  }
  const base = sharp(image.bytes, { limitInputPixels: limits.maxImagePixels }).resize(options.size, options.size, { fit: 'fill' }).removeAlpha();
  const shaped = options.color === 'grayscale' ? base.grayscale() : base.toColourspace('srgb');
  return shaped.raw().toBuffer();
}

/**
 * A zip of one folder per class (Keras image_dataset_from_directory, Teachable Machine) → an image data set:
 * classes are the folder names, sorted; every image resized to the chosen size, grayscale or RGB.
 */
export async function parseImageZip(path: string, given: ImageOptions | undefined, limits: UploadLimits, file: string): Promise<{ dataset: Dataset; checksum: string }> {
  const options = given ?? imageOptionsSchema.parse({});
  const { images, checksum } = await readZipImages(path, limits, file);
  if (images.length === 0) throw new DatasetError('holds no PNG or JPEG images in class folders (cat/1.png, dog/2.jpg, …).', { file });
  const labelNames = [...new Set(images.map((i) => i.className))].sort();
  if (labelNames.length < 2) throw new DatasetError(`has one class folder ("${labelNames[0]}"); a classifier needs at least two.`, { file });
  if (labelNames.length > limits.maxClasses) throw new DatasetError(`has ${labelNames.length} class folders; at most ${limits.maxClasses} are allowed.`, { file });
  const channels = options.color === 'grayscale' ? 1 : 3;
  const width = options.size * options.size * channels;
  if (images.length * width > limits.maxCells) throw new DatasetError(`${images.length} images of ${width} values is more than ${limits.maxCells} values; choose a smaller size.`, { file });
  const x = new Float32Array(images.length * width);
  const y = new Int32Array(images.length);
  const index = new Map(labelNames.map((n, i) => [n, i]));
  for (const [i, image] of images.entries()) {
    const raw = await decode(image, options, limits, file);
    for (let k = 0; k < width; k++) x[i * width + k] = raw[k]! / 255;
    y[i] = index.get(image.className)!;
  }
  return { dataset: { name: file, x, y, n: images.length, width, classes: labelNames.length, imageShape: [options.size, options.size, channels], labelNames }, checksum };
}
