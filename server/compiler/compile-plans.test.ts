import { describe, expect, it } from 'vitest';
import type { TrainingPlan } from '../../formats/training-plan';
import { compileGraph } from './compile-graph';
import { nodeOf, templateDoc } from './test-support';
import { DAN_FAMILY_ALPHAS } from '../../nodes/mmd-adaptation/mmd-kernels';

function planOf(id: string, mutate?: (doc: ReturnType<typeof templateDoc>) => void): TrainingPlan {
  const doc = templateDoc(id);
  mutate?.(doc);
  const result = compileGraph(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

describe('template plans', () => {
  it('DDC: one MMD² term on the features, single kernel, λ = 2', () => {
    const plan = planOf('ddc');
    expect(plan.domains.map((d) => [d.nodeId, d.role, d.order, d.width, d.classes, d.labels])).toEqual([
      ['source', 'source', 0, 2, 2, 'all'],
      ['target', 'target', 1, 2, 2, 'none'],
    ]);
    expect(plan.domains[1]?.dataset).toEqual({ kind: 'builtin', id: 'two-moons', options: { samples: 200, noise: 0.1, rotation: 30, seed: 2 } });
    expect(plan.model.extractor.layers.map((l) => l.name)).toEqual(['extractor/dense_0', 'features']);
    expect(plan.model.extractor).toMatchObject({ kind: 'mlp', inputWidth: 2, outputWidth: 32 });
    expect(plan.model.head).toMatchObject({ kind: 'classifier', classes: 2, layers: [{ name: 'head/logits', units: 2, activation: 'linear' }] });
    expect(plan.stages).toHaveLength(1);
    expect(plan.stages[0]).toMatchObject({ kind: 'train', labelledDomains: ['source'], adapt: { from: 'source', to: 'target' }, init: 'scratch', epochs: 500, batchSize: 100 });
    expect(plan.stages[0]?.optimizer).toEqual({ kind: 'adam', learningRate: 0.02, schedule: { kind: 'dann', alpha: 10, beta: 0.75 } });
    expect(plan.stages[0]?.losses).toEqual([
      { kind: 'classification', weight: 1, domains: ['source'] },
      { kind: 'mmd', nodeId: 'mmd', nodeType: 'mmdAdaptation', variant: 'ddc', layers: ['features'], weight: 2, estimator: 'unbiased', kernel: 'gaussian', bandwidth: 'mean', alphas: [1] },
    ]);
    expect(plan.baselines).toEqual([{ kind: 'sourceOnly' }]);
    expect(plan.objective).toBe('ℓ = ℓ_c(source) + 2·MMD²(features)');
  });

  it('DAN: Long et al.’s Gaussian family around the median heuristic, on the task-specific layers (features and logits)', () => {
    const plan = planOf('dan');
    const loss = plan.stages[0]?.losses[1];
    expect(loss).toMatchObject({ kind: 'mmd', nodeId: 'mmd', variant: 'dan', layers: ['features', 'head/logits'], weight: 1, estimator: 'unbiased', kernel: 'gaussian', bandwidth: 'median' });
    expect(loss?.kind === 'mmd' && loss.alphas).toEqual(DAN_FAMILY_ALPHAS);
    expect(plan.objective).toBe('ℓ = ℓ_c(source) + MK-MMD²(features, head/logits)');
    // The earlier DAN stays an option: five multiples of the mean distance on every extractor layer.
    const old = planOf('dan', (doc) => Object.assign(nodeOf(doc, 'mmd').params, { kernel: 'gaussian', layers: 'all-hidden' }));
    expect(old.stages[0]?.losses[1]).toMatchObject({ layers: ['extractor/dense_0', 'features'], kernel: 'gaussian', bandwidth: 'mean', alphas: [0.125, 0.25, 0.5, 1, 2] });
    // Head hidden layers are task-specific too; a multi-task head adapts its source task's layers.
    const hidden = planOf('dan', (doc) => (nodeOf(doc, 'head').params.hidden = [8]));
    expect(hidden.stages[0]?.losses[1]).toMatchObject({ layers: ['features', 'head/dense_0', 'head/logits'] });
  });

  it('DANN: gradient reversal with the λ_p schedule; a constant λ and the DANN learning-rate schedule on request', () => {
    const plan = planOf('dann');
    expect(plan.stages[0]?.losses[1]).toEqual({ kind: 'domainAdversarial', nodeId: 'dann', nodeType: 'domainAdversarial', hidden: [32], lambda: { kind: 'dann', max: 1, gamma: 10 }, weight: 1 });
    expect(plan.objective).toBe('ℓ = ℓ_c(source) + λ_p·ℓ_d');
    expect(plan.evaluation).toEqual({ nodeId: 'evaluate', targetDomain: 'target', metrics: ['accuracy', 'macroF1'], domainDistances: ['mmd', 'proxyA'], featureProjection: 'pca', repeats: 3, testCurve: false, validatorPoints: 5 });
    const constant = planOf('dann', (doc) => {
      Object.assign(nodeOf(doc, 'dann').params, { lambdaSchedule: 'constant', lambdaMax: 0.3 });
      nodeOf(doc, 'trainer').params.schedule = 'dann';
    });
    expect(constant.stages[0]?.losses[1]).toMatchObject({ lambda: { kind: 'constant', value: 0.3 } });
    expect(constant.stages[0]?.optimizer.schedule).toEqual({ kind: 'dann', alpha: 10, beta: 0.75 });
    expect(constant.objective).toBe('ℓ = ℓ_c(source) + 0.3·ℓ_d');
    const denser = planOf('dann', (doc) => {
      nodeOf(doc, 'evaluate').params.validatorPoints = 10;
    });
    expect(denser.evaluation.validatorPoints).toBe(10);
  });

  it('TrAdaBoost: a boosting stage over source + labelled target, with the source+target baseline', () => {
    const plan = planOf('tradaboost');
    expect(plan.domains[1]).toMatchObject({ role: 'target', labels: { count: 10 }, testFraction: 0.3, width: 2000 });
    expect(plan.stages).toHaveLength(1);
    expect(plan.stages[0]).toMatchObject({
      kind: 'boosting',
      labelledDomains: ['source', 'target'],
      boosting: { nodeId: 'boost', rounds: 20, baseLearner: 'logistic', sourceDomain: 'source', targetDomain: 'target' },
      losses: [{ kind: 'classification', weight: 1, domains: ['source', 'target'] }],
    });
    expect(plan.baselines.map((b) => b.kind)).toEqual(['sourceOnly', 'targetOnly', 'sourcePlusTarget']);
    expect(plan.objective).toMatch(/^ℓ = Σᵢ wᵢ·ℓ_c\(xᵢ\) over source \+ target, 20 TrAdaBoost rounds$/);
  });

  it('fine-tune: source training, then the target with the first extractor layer frozen', () => {
    const plan = planOf('fine-tune');
    expect(plan.stages.map((s) => [s.kind, s.init, s.labelledDomains])).toEqual([
      ['train', 'scratch', ['source']],
      ['fineTune', 'previous', ['target']],
    ]);
    expect(plan.stages[1]).toMatchObject({ frozen: ['extractor/dense_0'], epochs: 30, batchSize: 16, optimizer: { kind: 'adam', learningRate: 0.001 } });
    expect(plan.baselines.map((b) => b.kind)).toEqual(['sourceOnly', 'targetOnly']);
    expect(plan.objective).toBe('train: ℓ = ℓ_c(source); then fine-tune: ℓ = ℓ_c(target)');
    const whole = planOf('fine-tune', (doc) => (nodeOf(doc, 'finetune').params.frozen = 'extractor'));
    expect(whole.stages[1]?.frozen).toEqual(['extractor/dense_0', 'features']);
  });

  it('transitive: one hop per step along the rotation series, each from the previous weights', () => {
    const plan = planOf('transitive');
    expect(plan.domains.map((d) => [d.nodeId, d.role, d.order])).toEqual([
      ['source', 'source', 0],
      ['step1', 'intermediate', 1],
      ['step2', 'intermediate', 2],
      ['target', 'target', 3],
    ]);
    expect(plan.stages.map((s) => [s.adapt, s.init])).toEqual([
      [{ from: 'source', to: 'step1' }, 'scratch'],
      [{ from: 'step1', to: 'step2' }, 'previous'],
      [{ from: 'step2', to: 'target' }, 'previous'],
    ]);
    for (const s of plan.stages) {
      expect(s.labelledDomains).toEqual(['source']);
      expect(s.losses.map((l) => l.kind)).toEqual(['classification', 'domainAdversarial']);
    }
    expect(plan.objective).toBe('each of 3 hops: ℓ = ℓ_c(source) + λ_p·ℓ_d');
  });

  it('transitive: the chain follows `order`, not the order of the nodes in the file', () => {
    const plan = planOf('transitive', (doc) => {
      nodeOf(doc, 'step1').params.order = 5;
    });
    expect(plan.stages.map((s) => s.adapt?.to)).toEqual(['step2', 'step1', 'target']);
  });

  it('conservative: a fine-tune stage with the conservative loss', () => {
    const plan = planOf('conservative');
    expect(plan.stages[1]).toMatchObject({ kind: 'fineTune', init: 'previous', frozen: [] });
    expect(plan.stages[1]?.losses).toEqual([
      { kind: 'classification', weight: 1, domains: ['target'] },
      { kind: 'conservative', nodeId: 'conservative', nodeType: 'conservativeTraining', mu: 1 },
    ]);
  });

  it('multi-task: one head per labelled domain with its weight', () => {
    const plan = planOf('multi-task', (doc) => (nodeOf(doc, 'head').params.targetWeight = 0.5));
    const head = plan.model.head;
    expect(head.kind).toBe('multiTask');
    if (head.kind !== 'multiTask') return;
    expect(head.tasks.map((t) => [t.name, t.domainNodeId, t.weight, t.layers.at(-1)?.name])).toEqual([
      ['source', 'source', 1, 'head/source/logits'],
      ['target', 'target', 0.5, 'head/target/logits'],
    ]);
    expect(plan.stages[0]?.labelledDomains).toEqual(['source', 'target']);
    expect(plan.objective).toBe('ℓ = 1·ℓ_c(source) + 0.5·ℓ_c(target)');
  });

  it('zero-shot: the seven-segment table as data, unseen classes withheld', () => {
    const head = planOf('zero-shot').model.head;
    expect(head.kind).toBe('zeroShot');
    if (head.kind !== 'zeroShot') return;
    expect(head.classAttributes).toHaveLength(10);
    expect(head.classAttributes[7]).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(head.unseenClasses).toEqual([3, 8]);
    expect(head.layers.at(-1)).toMatchObject({ name: 'head/embedding', units: 7 });
  });

  it('self-taught: reconstruction pre-training on the unlabelled (auxiliary) data first', () => {
    const plan = planOf('self-taught');
    expect(plan.domains.find((d) => d.nodeId === 'unlabelled')).toMatchObject({ role: 'auxiliary', labels: 'none' });
    expect(plan.model.extractor).toMatchObject({ kind: 'autoencoder', outputWidth: 32, pretrain: { epochs: 30 } });
    expect(plan.model.extractor.pretrain?.domains.sort()).toEqual(['source', 'target', 'unlabelled']);
    expect(plan.stages.map((s) => [s.kind, s.init])).toEqual([
      ['pretrainAutoencoder', 'scratch'],
      ['train', 'previous'],
    ]);
    expect(plan.stages[0]?.losses).toEqual([{ kind: 'reconstruction', nodeId: 'extractor', nodeType: 'autoencoder', weight: 1 }]);
  });

  it('propagates widths and classes to every node', () => {
    const result = compileGraph(templateDoc('ddc'));
    expect(result.shapes).toEqual({
      source: { width: 2, classes: 2 },
      target: { width: 2, classes: 2 },
      extractor: { width: 32, classes: 2 },
      head: { width: 2, classes: 2 },
      mmd: { width: 32 },
      trainer: { classes: 2 },
      evaluate: { classes: 2 },
    });
  });

  it('CNN on digits: conv/pool layers sized from the 8×8 image', () => {
    const plan = planOf('fine-tune', (doc) => {
      Object.assign(nodeOf(doc, 'extractor'), { type: 'cnnExtractor', typeVersion: 1 });
      nodeOf(doc, 'extractor').params = { filters: [8, 16], kernelSize: 3, poolSize: 2, featureWidth: 32 };
    });
    expect(plan.model.extractor.imageShape).toEqual([8, 8, 1]);
    expect(plan.model.extractor.layers.map((l) => l.name)).toEqual(['extractor/conv_0', 'extractor/pool_0', 'extractor/conv_1', 'extractor/pool_1', 'extractor/flatten', 'features']);
    expect(plan.stages[1]?.frozen).toEqual(['extractor/conv_0']);
  });

  it('uploads: width and classes come from the caller’s metadata', () => {
    const doc = templateDoc('dann');
    nodeOf(doc, 'target').params = { dataset: 'upload:moons-csv', labelledCount: 10 };
    const result = compileGraph(doc, { uploads: { 'moons-csv': { width: 2, classes: 2, labelled: true, imageShape: null, rows: 400 } } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.domains[1]).toMatchObject({ dataset: { kind: 'upload', id: 'moons-csv' }, labels: { count: 10 } });
    expect(result.plan.stages[0]?.labelledDomains).toEqual(['source', 'target']);
    expect(result.plan.baselines.map((b) => b.kind)).toEqual(['sourceOnly', 'targetOnly']);
  });

  it('a pre-trained extractor loads its artifact and stays frozen', () => {
    const plan = planOf('fine-tune', (doc) => {
      Object.assign(nodeOf(doc, 'extractor'), { type: 'pretrainedExtractor', typeVersion: 1 });
      nodeOf(doc, 'extractor').params = { artifact: 'mnist-base', featureWidth: 32 };
      nodeOf(doc, 'finetune').params.frozen = 'extractor';
    });
    expect(plan.model.extractor).toMatchObject({ kind: 'pretrained', artifact: 'mnist-base', outputWidth: 32, layers: [] });
    expect(plan.stages.map((s) => s.frozen)).toEqual([['extractor'], ['extractor']]);
  });

  it('compiles a version-0 draft and says it was migrated', () => {
    const doc = templateDoc('ddc');
    const legacy = {
      name: doc.name,
      nodes: doc.nodes.map((n) => ({ id: n.id, kind: n.type, data: n.type === 'mmdAdaptation' ? { kernel: 'single', weight: 0.5 } : n.params, x: n.position.x, y: n.position.y })),
      links: doc.edges.map((e) => ({ id: e.id, from: e.source, fromPort: e.sourcePort, to: e.target, toPort: e.targetPort })),
    };
    const result = compileGraph(legacy);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(0);
    expect(result.plan.objective).toBe('ℓ = ℓ_c(source) + 0.5·MMD²(features)');
  });
});

describe('plans against the plan schema', () => {
  it('every template compiles to exactly what trainingPlanSchema accepts (no default left to fill)', async () => {
    const { templates } = await import('../../templates/index');
    const { trainingPlanSchema } = await import('../../formats/training-plan');
    for (const t of templates) {
      const result = compileGraph(t.document);
      expect(result.ok, t.id).toBe(true);
      if (result.ok) expect(trainingPlanSchema.parse(result.plan)).toEqual(result.plan);
    }
  });
  it('every plan item names the node kind that runs it: the graph node’s own type, or the stage’s runner', async () => {
    const { templates } = await import('../../templates/index');
    for (const t of templates) {
      const result = compileGraph(t.document);
      if (!result.ok) continue;
      const typeOf = new Map(t.document.nodes.map((n) => [n.id, n.type]));
      const { plan } = result;
      for (const item of [...plan.domains, plan.model.extractor, plan.model.head]) expect(item.nodeType, `${t.id} ${item.nodeId}`).toBe(typeOf.get(item.nodeId));
      for (const stage of plan.stages) {
        const runner = stage.kind === 'boosting' ? 'trAdaBoost' : stage.kind === 'pretrainAutoencoder' ? 'autoencoder' : typeOf.get(stage.nodeId);
        expect(stage.nodeType, `${t.id} ${stage.name}`).toBe(runner);
        for (const loss of stage.losses) if (loss.kind !== 'classification') expect(loss.nodeType, `${t.id} ${loss.kind}`).toBe(typeOf.get(loss.nodeId));
      }
    }
  });

  it('the benchmark’s 500-node chain compiles to one stage per hop', async () => {
    const { chainGraph } = await import('../../bench/compile-bench');
    const result = compileGraph(chainGraph(492));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.stages).toHaveLength(493);
    expect(result.plan.stages[492]?.adapt).toEqual({ from: 'step492', to: 'target' });
  });
});
