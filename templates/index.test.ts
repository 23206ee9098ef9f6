import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../server/compiler/compile-graph';
import { getTemplate, templates } from './index';

describe('templates', () => {
  it('lists every JSON file in the folder, once', () => {
    const files = readdirSync('templates').filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(templates.map((t) => t.id).sort()).toEqual(files.sort());
    expect(templates.map((t) => t.id)).toEqual(['ddc', 'dan', 'dann', 'coral', 'tradaboost', 'fine-tune', 'conservative', 'multi-task', 'zero-shot', 'self-taught', 'transitive', 'gradual', 'negative-transfer']);
  });
  it.each(templates.map((t) => [t.id, t] as const))('%s compiles without errors or warnings', (_id, template) => {
    const result = compileGraph(template.document);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
  });
  it.each(templates.map((t) => [t.id, t] as const))('%s flows left to right and has a title, description and taxonomy', (_id, template) => {
    const x = new Map(template.document.nodes.map((n) => [n.id, n.position.x]));
    for (const e of template.document.edges) expect(x.get(e.source)!, e.id).toBeLessThan(x.get(e.target)!);
    expect(template.title.length).toBeGreaterThan(5);
    expect(template.description.length).toBeGreaterThan(40);
    expect(['parameter-based', 'instance-based', 'feature-based']).toContain(template.taxonomy);
  });
  it('keeps the DANN two-moons set-up its description quotes: 400 source points, 200 unlabelled target points (+200 held out), target rotated 30°, λ_p up to 1', () => {
    const doc = getTemplate('dann')!.document;
    const params = (id: string) => doc.nodes.find((n) => n.id === id)!.params;
    expect(params('source').options).toMatchObject({ samples: 400 });
    expect(params('target').options).toMatchObject({ samples: 400, rotation: 30 });
    expect(params('target')).toMatchObject({ labelledCount: 0, testFraction: 0.5 });
    expect(params('dann')).toMatchObject({ lambdaSchedule: 'dann', lambdaMax: 1 });
    // The stable set-up measured on WASM (see the description): full batches, annealed Adam, 2×32 ReLU extractor;
    // with 100 points (the earlier template) DANN was inconclusive over seeds 0–4 ([−9, +25] points).
    expect(params('extractor').hidden).toEqual([32, 32]);
    expect(params('trainer')).toMatchObject({ optimizer: 'adam', learningRate: 0.02, schedule: 'dann', batchSize: 512, epochs: 500 });
  });
  it('gives TrAdaBoost 1% of the source size as labelled target', () => {
    const doc = getTemplate('tradaboost')!.document;
    expect(doc.nodes.find((n) => n.id === 'target')!.params.labelledCount).toBe(10);
    expect(doc.nodes.find((n) => n.id === 'source')!.params.options).toMatchObject({ limit: 1000 });
  });
});
