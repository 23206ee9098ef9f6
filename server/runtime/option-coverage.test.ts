import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { GraphDocument } from '../../formats/graph-document';
import type { TrainingPlan } from '../../formats/training-plan';
import { defaultParams, nodeRegistry, nodeTypes, type NodeType } from '../../nodes/registry';
import { compileGraph } from '../compiler/compile-graph';
import { selectBackend } from './backend/select-backend';
import { runPlan } from './run-plan';
import { shrinkPlan } from './test-support/shrink-plan';
import { miniMobileNet, savedModelZip } from './test-support/mini-mobilenet';
import type { CompileContext } from '../compiler/compile-context';
import { inspectUpload } from '../datasets/inspect-upload';
import type { ResolvedUpload } from '../datasets/parse-upload';

/**
 * Every option of every choice a node offers (each enum value, each boolean) must build and train: the node set
 * to it inside a graph that uses the node kind, compiled, then one optimiser step per stage (two boosting rounds)
 * through runPlan, baselines included. A new option, or a new node kind with a choice, without a working build
 * fails here — a kind without a host graph below fails the first test.
 */
type Doc = { nodes: { id: string; type: string; typeVersion: number; params: Record<string, unknown> }[]; edges: { id: string; source: string; sourcePort: string; target: string; targetPort: string }[] };

const template = (id: string) => (): Doc => JSON.parse(readFileSync(new URL(`../../templates/${id}.json`, import.meta.url), 'utf8')) as Doc;

/** The fine-tune template (digits) with its extractor replaced by another kind at its defaults. */
const withExtractor = (type: NodeType, params: Record<string, unknown> = {}) => (): Doc => {
  const doc = template('fine-tune')();
  const node = doc.nodes.find((n) => n.id === 'extractor')!;
  Object.assign(node, { type, typeVersion: nodeRegistry[type].version, params: { ...(defaultParams(type) as Record<string, unknown>), ...params } });
  // A loaded extractor's layers are unknown before loading: 'first-k' cannot apply to it.
  const finetune = doc.nodes.find((n) => n.id === 'finetune')!;
  if (type === 'pretrainedExtractor') finetune.params = { ...finetune.params, frozen: 'none' };
  return doc;
};

/** The digits template exporting its model under `name` (makes the pre-trained extractor's artifact). */
function exporting(name: string): Doc {
  const doc = withExtractor('mlpExtractor', { hidden: [32] })();
  doc.nodes.push({ id: 'export', type: 'exportModel', typeVersion: nodeRegistry.exportModel.version, params: { name } });
  doc.edges.push({ id: 'finetune.trained--export.trained', source: 'finetune', sourcePort: 'trained', target: 'export', targetPort: 'trained' });
  return doc;
}

const hosts: Partial<Record<NodeType, () => Doc>> = {
  sourceDomain: template('dann'),
  targetDomain: template('dann'),
  intermediateDomain: template('transitive'),
  mlpExtractor: template('dann'),
  cnnExtractor: withExtractor('cnnExtractor', { filters: [4], featureWidth: 16 }),
  pretrainedExtractor: withExtractor('pretrainedExtractor', { artifact: 'coverage', featureWidth: 32 }),
  autoencoder: template('self-taught'),
  classifierHead: template('dan'),
  multiTaskHead: template('multi-task'),
  zeroShotHead: template('zero-shot'),
  mmdAdaptation: template('dan'),
  domainAdversarial: template('dann'),
  coralAdaptation: template('coral'),
  trAdaBoost: template('tradaboost'),
  trainer: template('dann'),
  fineTune: template('fine-tune'),
  conservativeTraining: template('conservative'),
  evaluate: template('fine-tune'),
};

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

/** [field, option] for every enum value and boolean of a node kind's params. */
function choices(type: NodeType): [string, string | boolean][] {
  const shape = (nodeRegistry[type].params as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).flatMap(([field, schema]): [string, string | boolean][] => {
    const s = unwrap(schema);
    if (s instanceof z.ZodEnum) return s.options.map((o) => [field, o as string]);
    if (s instanceof z.ZodBoolean) return [
      [field, true],
      [field, false],
    ];
    return [];
  });
}

/** One optimiser step per gradient stage, two boosting rounds, small data, one seed. */
function oneStep(plan: TrainingPlan): TrainingPlan {
  shrinkPlan(plan);
  for (const s of plan.stages) {
    s.steps = 1;
    if (s.boosting) s.boosting.rounds = 2;
  }
  plan.evaluation.domainDistances = [];
  return plan;
}

let artifactDir = '';
/** An uploaded model (MobileNet's layer kinds on 8×8 digits) for the pre-trained extractor's "upload" options. */
let modelContext: CompileContext = {};
const modelFiles: Record<string, ResolvedUpload> = {};

/** Pre-trained extractor options that read an uploaded model get the coverage model, its layers and its file. */
function usesUpload(type: NodeType, params: Record<string, unknown>): boolean {
  if (type !== 'pretrainedExtractor' || (params.source !== 'upload' && params.freeze !== 'from')) return false;
  Object.assign(params, { source: 'upload', model: 'upload:coverage-model', trainFrom: 'dw2' });
  return true;
}

async function writeCoverageModel(): Promise<void> {
  const file = path.join(artifactDir, 'coverage-model.zip');
  writeFileSync(file, await savedModelZip(miniMobileNet(10)));
  const info = await inspectUpload(file, 'model');
  modelContext = { uploads: { 'coverage-model': { name: 'coverage model', width: 64, classes: 0, labelled: false, imageShape: [8, 8, 1], rows: 0, model: info.model! } } };
  modelFiles['coverage-model'] = { path: file, format: 'model', fileName: 'coverage-model.zip' };
}

beforeAll(async () => {
  await selectBackend('wasm');
  artifactDir = mkdtempSync(path.join(tmpdir(), 'stepstone-coverage-'));
  await writeCoverageModel();
  const compiled = compileGraph(exporting('coverage'));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  await runPlan(oneStep(compiled.plan), { backend: 'wasm', parallelism: 1, artifactDir, onEvent: () => {} });
}, 120_000);

afterAll(() => rmSync(artifactDir, { recursive: true, force: true }));

describe('option coverage: every enum option of every node kind compiles and trains one step', () => {
  it('has a host graph for every node kind with a choice', () => {
    const missing = nodeTypes.filter((t) => choices(t).length > 0 && !hosts[t]);
    expect(missing).toEqual([]);
  });

  const cases = nodeTypes.flatMap((type) => choices(type).map(([field, option]) => [type, field, option] as const));
  it.each(cases)('%s.%s = %s', async (type, field, option) => {
    const doc = hosts[type]!();
    const node = doc.nodes.find((n) => n.type === type)!;
    node.params = { ...node.params, [field]: option };
    const upload = usesUpload(type, node.params);
    const compiled = compileGraph(doc as unknown as GraphDocument, upload ? modelContext : {});
    if (!compiled.ok) throw new Error(`${type}.${field} = ${String(option)} does not compile: ${JSON.stringify(compiled.errors)}`);
    const resolveUpload = async (id: string) => modelFiles[id];
    const result = await runPlan(oneStep(compiled.plan), { backend: 'wasm', parallelism: 1, artifactDir, onEvent: () => {}, resolveUpload });
    const accuracy = result.models.method.splits.test?.accuracy.mean;
    expect(Number.isFinite(accuracy)).toBe(true);
  }, 120_000);
});
