import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expect, test } from '@playwright/test';
import { node, shot } from './helpers';

// Bring your own pre-trained model: model.json + its weights file picked together (zipped in the browser), checked on
// the server, its layer list shown, kept; a model with a layer Stepstone does not run is refused naming it. Then a
// Pre-trained extractor picks the model and its feature layer from the upload's layer list.

/** The fine-tune template (8×8 digits) with a pre-trained extractor reading an uploaded model, none picked yet. */
async function graphWithUploadedExtractor(): Promise<string> {
  const doc = JSON.parse(await readFile(new URL('../templates/fine-tune.json', import.meta.url), 'utf8')) as { name: string; nodes: { id: string; type: string; typeVersion: number; params: Record<string, unknown> }[] };
  doc.name = 'My MobileNet on digits';
  const ex = doc.nodes.find((n) => n.id === 'extractor')!;
  Object.assign(ex, { type: 'pretrainedExtractor', typeVersion: 2, params: { source: 'upload', model: '', freeze: 'none' } });
  doc.nodes.find((n) => n.id === 'finetune')!.params.frozen = 'none';
  const path = join(tmpdir(), `e2e-model-graph-${Date.now()}.json`);
  await writeFile(path, JSON.stringify(doc));
  return path;
}

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

test('upload a pre-trained model: its layers are listed, it is kept (an unsupported layer is refused by name); the extractor picks it and a layer', async ({ page }) => {
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

  await page.goto('/editor');
  await page.getByTestId('import-file').setInputFiles(await graphWithUploadedExtractor());
  await page.getByRole('button', { name: 'Close' }).click();
  await node(page, 'extractor').click();
  await expect(page.getByTestId('inspector')).toContainText('Pre-trained extractor');
  await page.locator('#f-model').selectOption({ label: 'tiny mobilenet' });
  const layer = page.locator('#f-featureLayer');
  await expect(layer.locator('option')).toContainText(['(the layer before the last)', 'conv1 — Conv2D [8×8×4]', 'dw1 — DepthwiseConv2D [8×8×4]', 'dw1_relu — ReLU [8×8×4]', 'features — GlobalAveragePooling2D [4]', 'logits — Dense [3]']);
  await layer.selectOption('dw1_relu');
  await expect(page.getByTestId('status-valid')).toBeVisible();
  await expect(node(page, 'extractor')).toContainText('tiny mobilenet');
  await shot(page, 'editor-uploaded-model-layers');
});
