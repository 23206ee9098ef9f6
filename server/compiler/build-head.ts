import type { PlanHead, PlanLayer } from '../../formats/training-plan';
import { parseClassAttributes } from '../../nodes/zero-shot-head/parse-class-attributes';
import type { IssueSink } from './compile-issue';
import type { Pipeline } from './find-pipeline';
import type { DomainSet } from './resolve-domains';

type Head = NonNullable<Pipeline['head']>;
type Activation = Extract<PlanLayer, { kind: 'dense' }>['activation'];

function dense(prefix: string, hidden: number[], activation: Activation, outName: string, outUnits: number): PlanLayer[] {
  return [
    ...hidden.map((units, i): PlanLayer => ({ kind: 'dense', name: `${prefix}/dense_${i}`, units, activation, dropout: 0 })),
    { kind: 'dense', name: `${prefix}/${outName}`, units: outUnits, activation: 'linear', dropout: 0 },
  ];
}

/** The head's layers from the source's class count; zero-shot heads also parse their attribute table. */
export function buildHead(node: Head, domains: DomainSet, sink: IssueSink): PlanHead | null {
  const { source, target } = domains;
  if (!source) return null;
  const classes = source.classes;
  switch (node.type) {
    case 'classifierHead':
      return { kind: 'classifier', nodeId: node.id, nodeType: node.type, name: 'head', classes, layers: dense('head', node.params.hidden, node.params.activation, 'logits', classes) };
    case 'multiTaskHead': {
      if (!target || target.labels === 'none') {
        sink.error('multiTaskNeedsLabelledTarget', `Multi-task head "${node.id}" needs a second task, but the target has no labels.`, 'Set the target’s labelledCount above 0, or use a Classifier head.', {
          nodeId: node.id,
          field: 'targetWeight',
        });
        return null;
      }
      const { sourceWeight, targetWeight, hidden, activation } = node.params;
      if (sourceWeight + targetWeight === 0) {
        sink.error('zeroWeight', `Multi-task head "${node.id}": both task weights are 0, so nothing is learnt.`, 'Give at least one task a positive weight.', { nodeId: node.id, field: 'sourceWeight' });
        return null;
      }
      const task = (name: 'source' | 'target', domainNodeId: string, weight: number, taskClasses: number) => ({
        name,
        domainNodeId,
        weight,
        classes: taskClasses,
        layers: dense(`head/${name}`, hidden, activation, 'logits', taskClasses),
      });
      return { kind: 'multiTask', nodeId: node.id, nodeType: node.type, name: 'head', tasks: [task('source', source.nodeId, sourceWeight, classes), task('target', target.nodeId, targetWeight, target.classes)] };
    }
    case 'zeroShotHead':
      return buildZeroShot(node, classes, sink);
  }
}

function buildZeroShot(node: Extract<Head, { type: 'zeroShotHead' }>, classes: number, sink: IssueSink): PlanHead | null {
  const table = parseClassAttributes(node.params.classAttributes);
  if (!table.ok) {
    for (const e of table.errors)
      sink.error('attributeTable', `Zero-shot head "${node.id}", class attributes line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}.`, 'Write one row of numbers per class, separated by commas.', {
        nodeId: node.id,
        field: 'classAttributes',
      });
    return null;
  }
  let ok = true;
  if (table.rows.length !== classes) {
    ok = false;
    sink.error('attributeRows', `Zero-shot head "${node.id}" has ${table.rows.length} attribute rows but the data have ${classes} classes.`, `Write exactly ${classes} rows, row c for class c.`, {
      nodeId: node.id,
      field: 'classAttributes',
    });
  }
  const unseen = [...new Set(node.params.unseenClasses)];
  for (const c of unseen.filter((c) => c >= classes)) {
    ok = false;
    sink.error('unseenClassRange', `Zero-shot head "${node.id}": unseen class ${c} does not exist (classes are 0–${classes - 1}).`, `Use class indices from 0 to ${classes - 1}.`, {
      nodeId: node.id,
      field: 'unseenClasses',
    });
  }
  if (unseen.length >= classes) {
    ok = false;
    sink.error('unseenClassRange', `Zero-shot head "${node.id}" withholds every class, so nothing is trained.`, 'Leave at least one class seen (usually most of them).', { nodeId: node.id, field: 'unseenClasses' });
  }
  if (!ok) return null;
  const dims = table.rows[0]?.length ?? 1;
  return {
    kind: 'zeroShot',
    nodeId: node.id,
    nodeType: node.type,
    name: 'head',
    layers: dense('head', node.params.hidden, node.params.activation, 'embedding', dims),
    classAttributes: table.rows,
    unseenClasses: unseen.sort((a, b) => a - b),
  };
}
