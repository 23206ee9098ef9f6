import type { PlanHead, PlanLoss, PlanStage } from '../../formats/training-plan';
import type { DomainSet } from './resolve-domains';

/** Numbers as a person would write them in a formula: 0.5, 1e-4, no float noise. */
export function num(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** "0.5·" before a term; nothing for a weight of 1. */
function coefficient(x: number): string {
  return x === 1 ? '' : `${num(x)}·`;
}

function roleOf(domains: DomainSet, nodeId: string): string {
  return domains.byId.get(nodeId)?.role ?? nodeId;
}

function classificationTerm(loss: Extract<PlanLoss, { kind: 'classification' }>, head: PlanHead, domains: DomainSet, stage: PlanStage): string {
  if (stage.kind === 'boosting') return `Σᵢ wᵢ·ℓ_c(xᵢ) over source + target, ${stage.boosting?.rounds ?? 0} TrAdaBoost rounds`;
  if (head.kind === 'zeroShot') return `‖g(f(x)) − a_y‖²(${loss.domains.map((d) => roleOf(domains, d)).join(' + ')}, seen classes)`;
  if (head.kind === 'multiTask' && stage.kind !== 'fineTune')
    return head.tasks
      .filter((t) => loss.domains.includes(t.domainNodeId))
      .map((t) => `${num(t.weight)}·ℓ_c(${t.name})`)
      .join(' + ');
  const who = loss.domains.map((d) => roleOf(domains, d)).join(' + ');
  return `${coefficient(loss.weight)}ℓ_c(${who})`;
}

function lossTerm(loss: PlanLoss, head: PlanHead, domains: DomainSet, stage: PlanStage): string {
  switch (loss.kind) {
    case 'classification':
      return classificationTerm(loss, head, domains, stage);
    case 'mmd': {
      const name = loss.variant === 'dan' ? 'MK-MMD²' : 'MMD²';
      return `${coefficient(loss.weight)}${name}(${loss.layers.join(', ')})`;
    }
    case 'domainAdversarial': {
      const scale = loss.lambda.kind === 'dann' ? `${coefficient(loss.lambda.max)}λ_p·` : coefficient(loss.lambda.value);
      return `${scale}ℓ_d`;
    }
    case 'conservative':
      return `${num(loss.mu)}·‖f_new(x) − f_old(x)‖²`;
    case 'selfTraining':
      return `${coefficient(loss.weight)}ℓ_c(${roleOf(domains, stage.adapt?.to ?? '')}, pseudo-labels of the previous model, top ${Math.round(loss.keep * 100)} %)`;
    case 'reconstruction':
      return '‖x − g(f(x))‖²';
  }
}

export function stageObjective(stage: PlanStage, head: PlanHead, domains: DomainSet): string {
  return `ℓ = ${stage.losses.map((l) => lossTerm(l, head, domains, stage)).join(' + ')}`;
}

/**
 * The objective for display. One stage: its formula. Several: "name: formula" in order, with stages that
 * share a formula (transitive hops) grouped.
 */
export function objectiveText(stages: PlanStage[], head: PlanHead, domains: DomainSet): string {
  const groups: { names: string[]; formula: string }[] = [];
  for (const stage of stages) {
    const formula = stageObjective(stage, head, domains);
    const last = groups[groups.length - 1];
    if (last && last.formula === formula) last.names.push(stage.name);
    else groups.push({ names: [stage.name], formula });
  }
  if (groups.length === 1 && stages.length === 1) return groups[0]!.formula;
  return groups.map((g) => `${g.names.length > 1 ? `each of ${g.names.length} hops` : g.names[0]}: ${g.formula}`).join('; then ');
}
