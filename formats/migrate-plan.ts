/**
 * Lifts a stored training plan of version 1 or 2 to version 3, where every plan item names the node kind that
 * runs it (`nodeType`). Older plans did not; the kinds follow from their shapes exactly as the runtime of
 * version 2 inferred them. Pure data → data: anything that is not an old plan is returned unchanged, for the
 * schema to report on.
 */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const domainTypes: Obj = { source: 'sourceDomain', target: 'targetDomain', intermediate: 'intermediateDomain', auxiliary: 'intermediateDomain' };
const extractorTypes: Obj = { mlp: 'mlpExtractor', cnn: 'cnnExtractor', pretrained: 'pretrainedExtractor', autoencoder: 'autoencoder' };
const headTypes: Obj = { classifier: 'classifierHead', multiTask: 'multiTaskHead', zeroShot: 'zeroShotHead' };
const lossTypes: Obj = { mmd: 'mmdAdaptation', domainAdversarial: 'domainAdversarial', conservative: 'conservativeTraining', reconstruction: 'autoencoder' };

const withType = (item: unknown, table: Obj, key: string): unknown =>
  isObj(item) && item.nodeType === undefined && typeof item[key] === 'string' && table[item[key] as string] ? { ...item, nodeType: table[item[key] as string] } : item;

function stageType(stage: Obj): string {
  const losses = Array.isArray(stage.losses) ? stage.losses : [];
  if (stage.kind === 'boosting') return 'trAdaBoost';
  if (stage.kind === 'pretrainAutoencoder') return 'autoencoder';
  if (losses.some((l) => isObj(l) && l.kind === 'conservative')) return 'conservativeTraining';
  return stage.kind === 'fineTune' ? 'fineTune' : 'trainer';
}

function liftStage(stage: unknown): unknown {
  if (!isObj(stage)) return stage;
  const losses = Array.isArray(stage.losses) ? stage.losses.map((l) => withType(l, lossTypes, 'kind')) : stage.losses;
  return { ...stage, nodeType: stage.nodeType ?? stageType(stage), losses };
}

export function liftPlan(raw: unknown): unknown {
  if (!isObj(raw) || (raw.version !== 1 && raw.version !== 2)) return raw;
  const model = isObj(raw.model) ? { ...raw.model, extractor: withType(raw.model.extractor, extractorTypes, 'kind'), head: withType(raw.model.head, headTypes, 'kind') } : raw.model;
  return {
    ...raw,
    version: 3,
    domains: Array.isArray(raw.domains) ? raw.domains.map((d) => withType(d, domainTypes, 'role')) : raw.domains,
    model,
    stages: Array.isArray(raw.stages) ? raw.stages.map(liftStage) : raw.stages,
  };
}
