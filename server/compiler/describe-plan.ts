import type { PlanLayer, PlanLoss, PlanStage, TrainingPlan } from '../../formats/training-plan';
import type { CompileIssue } from './compile-issue';
import { formulaText, num, termOf } from './objective-text';

/** Human-readable summaries of a compile result, for the CLI and logs. */
function layerText(l: PlanLayer): string {
  switch (l.kind) {
    case 'dense':
      return `${l.name} ${l.units}`;
    case 'conv2d':
      return `${l.name} ${l.filters}@${l.kernelSize}×${l.kernelSize}`;
    case 'maxPool2d':
      return `${l.name} /${l.poolSize}`;
    case 'flatten':
      return l.name;
  }
}

function lossText(l: PlanLoss): string {
  switch (l.kind) {
    case 'classification':
      return `classification(${l.domains.join(' + ')})`;
    case 'conservative':
      return `conservative μ=${num(l.mu)}`;
    case 'reconstruction':
      return 'reconstruction';
    default:
      return termOf(l).summary(l, formulaText);
  }
}

function stageText(s: PlanStage, i: number): string {
  const opt = `${s.optimizer.kind} lr ${num(s.optimizer.learningRate)} (${s.optimizer.schedule.kind})`;
  const lines = [`  ${i + 1}. ${s.name} [${s.kind}, init ${s.init}] ${s.epochs} epochs, batch ${s.batchSize}, ${opt}`, `     losses: ${s.losses.map(lossText).join('; ')}`];
  if (s.adapt) lines.push(`     adapts ${s.adapt.from} → ${s.adapt.to}`);
  if (s.frozen.length > 0) lines.push(`     frozen: ${s.frozen.join(', ')}`);
  if (s.boosting) lines.push(`     TrAdaBoost: ${s.boosting.rounds} rounds, base learner ${s.boosting.baseLearner}, β_t rule ${s.boosting.betaRule}`);
  return lines.join('\n');
}

function outputUnits(layers: PlanLayer[]): string {
  const last = layers.at(-1);
  return last?.kind === 'dense' ? String(last.units) : '?';
}

function validationText(d: TrainingPlan['domains'][number]): string {
  if (!d.validationFraction || d.labels === 'none') return '';
  return `, validation ${num(d.validationFraction * 100)}%${typeof d.labels === 'object' ? ' of the labels' : ''}`;
}

export function describePlan(plan: TrainingPlan, warnings: readonly CompileIssue[]): string {
  const { extractor, head } = plan.model;
  const labels = (d: TrainingPlan['domains'][number]) => (typeof d.labels === 'string' ? d.labels : `${d.labels.count} labelled`);
  const headText = head.kind === 'multiTask' ? `multi-task heads ${head.tasks.map((t) => `${t.name}×${num(t.weight)}`).join(', ')}` : `${head.kind} head → ${outputUnits(head.layers)} outputs`;
  const lines = [
    `Plan for "${plan.graphName}" (${plan.evaluation.repeats > 1 ? `seeds ${plan.seed}–${plan.seed + plan.evaluation.repeats - 1}, every model once per seed` : `seed ${plan.seed}`}; device ${plan.device})`,
    'Domains:',
    ...plan.domains.map((d) => `  ${d.role.padEnd(12)} ${d.name} — ${d.dataset.id}, ${d.width} features, ${d.classes} classes, labels: ${labels(d)}${d.testFraction ? `, test ${num(d.testFraction * 100)}%` : ''}${validationText(d)}`),
    `Model: ${extractor.kind} extractor ${extractor.inputWidth} → ${extractor.upload ? `uploaded model ${extractor.upload.id} (input ${extractor.upload.inputShape.join('×')}) cut at "${extractor.upload.featureLayer}"` : `[${extractor.layers.map(layerText).join(', ')}]`} → ${extractor.outputWidth} features; ${headText}`,
    'Stages:',
    ...plan.stages.map(stageText),
    `Objective: ${plan.objective}`,
    `Baselines: ${plan.baselines.map((b) => b.kind).join(', ')}`,
    `Evaluation: ${plan.evaluation.metrics.join(', ')} on ${plan.evaluation.targetDomain}; distances: ${plan.evaluation.domainDistances.join(', ') || 'none'}; projection: ${plan.evaluation.featureProjection}`,
  ];
  if (plan.export) lines.push(`Export: ${plan.export.name}`);
  if (warnings.length > 0) lines.push(`Warnings (${warnings.length}):`, ...warnings.map(issueText));
  return lines.join('\n');
}

export function issueText(issue: CompileIssue): string {
  const where = [issue.nodeId && `node ${issue.nodeId}`, issue.edgeId && `edge ${issue.edgeId}`, issue.field && `field ${issue.field}`].filter(Boolean).join(', ');
  return `  [${issue.code}]${where ? ` ${where}:` : ''} ${issue.message}\n      → ${issue.hint}`;
}

export function describeErrors(errors: readonly CompileIssue[], warnings: readonly CompileIssue[]): string {
  const lines = [`${errors.length} error${errors.length === 1 ? '' : 's'}:`, ...errors.map(issueText)];
  if (warnings.length > 0) lines.push(`Warnings (${warnings.length}):`, ...warnings.map(issueText));
  return lines.join('\n');
}
