import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepEmbeddedValidation, devRisk } from './dev';
import { fitDomainClassifier } from './domain-classifier';
import { informationMaximisation } from './im';
import { matrixFromRows } from './matrix';
import { softNeighbourhoodDensity } from './snd';
import { sourceValAccuracy } from './source-val-accuracy';

// Inputs and expected values written by fixtures/reference.py (NumPy): re-derive with /usr/bin/python3 fixtures/reference.py.
const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'tiny-validators.json'), 'utf8')) as {
  inputs: Record<'targetProbs' | 'valProbs' | 'sourceFeatures' | 'targetFeatures' | 'validationFeatures', number[][]> & { valLabels: number[]; weights: number[]; losses: number[] };
  expected: { im: number; snd: number; sndUniform: number; sourceValAccuracy: number; devRisk: number; domainTargetProbability: number[]; dev: number };
};
const { inputs, expected } = fixture;
const m = matrixFromRows;

describe('validators against the NumPy reference', () => {
  it('IM: entropy of the mean prediction minus the mean entropy', () => {
    expect(informationMaximisation(m(inputs.targetProbs))).toBeCloseTo(expected.im, 10);
  });

  it('IM is 0 for identical predictions and log(k) for confident, balanced ones', () => {
    expect(informationMaximisation(m([[0.5, 0.5], [0.5, 0.5]]))).toBeCloseTo(0, 12);
    expect(informationMaximisation(m([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))).toBeCloseTo(Math.log(3), 12);
  });

  it('SND: mean entropy of the temperature-scaled neighbour softmax', () => {
    expect(softNeighbourhoodDensity(m(inputs.targetProbs))).toBeCloseTo(expected.snd, 10);
    expect(softNeighbourhoodDensity(m(Array.from({ length: 5 }, () => [1 / 3, 1 / 3, 1 / 3])))).toBeCloseTo(expected.sndUniform, 10);
  });

  it('source-validation accuracy', () => {
    expect(sourceValAccuracy(m(inputs.valProbs), inputs.valLabels)).toBeCloseTo(expected.sourceValAccuracy, 12);
  });

  it('DEV risk with the control variate', () => {
    expect(devRisk(inputs.weights, inputs.losses)).toBeCloseTo(expected.devRisk, 10);
  });

  it('the domain classifier fit matches gradient descent in NumPy', () => {
    const p = fitDomainClassifier(m(inputs.sourceFeatures), m(inputs.targetFeatures)).targetProbability(m(inputs.validationFeatures));
    p.forEach((v, i) => expect(v).toBeCloseTo(expected.domainTargetProbability[i]!, 9));
  });

  it('DEV end to end', () => {
    const score = deepEmbeddedValidation({
      sourceFeatures: m(inputs.sourceFeatures),
      targetFeatures: m(inputs.targetFeatures),
      validationFeatures: m(inputs.validationFeatures),
      validationProbs: m(inputs.valProbs),
      validationLabels: inputs.valLabels,
    });
    expect(score).toBeCloseTo(expected.dev, 9);
  });

  it('too few rows give NaN rather than a made-up score', () => {
    expect(softNeighbourhoodDensity(m([[1, 0]]))).toBeNaN();
    expect(devRisk([1], [1])).toBeNaN();
    expect(() => devRisk([1, 2], [1])).toThrow(/2 weights but 1 losses/);
  });
});

describe('DEV on wide features', () => {
  it('projects features wider than MAX_DEV_WIDTH once, the same way for every matrix, and keeps narrow ones', async () => {
    const { MAX_DEV_WIDTH, narrowFeatures } = await import('./compute-validators');
    const narrow = m([[1, 2], [3, 4]]);
    expect(narrowFeatures([narrow], 1)[0]).toBe(narrow);
    const wideRow = Array.from({ length: 300 }, (_, k) => Math.sin(k));
    const [a, b] = narrowFeatures([m([wideRow]), m([wideRow, wideRow.map((v) => 2 * v)])], 7);
    expect(a!.cols).toBe(MAX_DEV_WIDTH);
    expect(Array.from(b!.data as Float64Array).slice(0, MAX_DEV_WIDTH)).toEqual(Array.from(a!.data as Float64Array));
    // linear: twice the row projects to twice the image; norms are roughly kept
    expect((b!.data as Float64Array)[MAX_DEV_WIDTH + 3]).toBeCloseTo(2 * (a!.data as Float64Array)[3]!, 9);
    const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
    expect(norm(a!.data) / norm(wideRow)).toBeGreaterThan(0.6);
    expect(norm(a!.data) / norm(wideRow)).toBeLessThan(1.4);
  });
});
