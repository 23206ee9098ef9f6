import * as tf from '@tensorflow/tfjs';
import { expect, test } from '@playwright/test';
import { shot } from './helpers';

// Bring your own pre-trained model: model.json + its weights file picked together (zipped in the browser), checked on
// the server, its layer list shown, kept; a model with a layer Stepstone does not run is refused naming it.

/** A small TF.js layers model saved as the two files a user would pick; `odd` adds an unsupported layer. */
async function modelFiles(odd: boolean): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  const input = tf.input({ shape: [8, 8, 1], name: 'image' });
  let h = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'conv1' }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', name: 'dw1' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.reLU({ maxValue: 6, name: 'dw1_relu' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(h) as tf.SymbolicTensor;
  if (odd) h = tf.layers.layerNormalization({ name: 'odd_norm' }).apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3, activation: 'softmax', name: 'logits' }).apply(h) as tf.SymbolicTensor });
  let files: { name: string; mimeType: string; buffer: Buffer }[] = [];
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const json = { format: 'layers-model', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] };
      files = [
        { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) },
        { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(a.weightData as ArrayBuffer) },
      ];
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return files;
}

test('upload a pre-trained model: its layers are listed, it is kept; an unsupported layer is refused by name', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/uploads');
  await page.getByRole('button', { name: 'Upload model…' }).click();
  await page.getByTestId('model-upload-files').setInputFiles(await modelFiles(true));
  await expect(page.getByTestId('model-upload-error')).toContainText(/layer "odd_norm" is a LayerNormalization, which Stepstone does not run/);
  await page.getByTestId('model-upload-files').setInputFiles(await modelFiles(false));
  const layers = page.getByTestId('model-layers');
  await expect(layers).toContainText('Input 8×8×1');
  await expect(layers).toContainText('DepthwiseConv2D');
  await expect(layers).toContainText('features');
  await shot(page, 'model-upload-layers');
  await page.locator('#model-upload-name').fill('tiny mobilenet');
  await page.getByRole('button', { name: 'Keep model' }).click();
  await expect(page.getByRole('textbox', { name: 'Upload name' }).first()).toHaveValue('tiny mobilenet');
  await expect(page.getByTestId('upload-list')).toContainText('model: 6 layers');
});
