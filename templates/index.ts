import { graphDocumentSchema, type GraphDocument } from '../formats/graph-document';
import type { Taxonomy } from '../nodes/core/define-node';
import conservative from './conservative.json';
import coral from './coral.json';
import dan from './dan.json';
import dann from './dann.json';
import ddc from './ddc.json';
import fineTune from './fine-tune.json';
import multiTask from './multi-task.json';
import selfTaught from './self-taught.json';
import tradaboost from './tradaboost.json';
import transitive from './transitive.json';
import gradual from './gradual.json';
import negativeTransfer from './negative-transfer.json';
import zeroShot from './zero-shot.json';

export interface TemplateEntry {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly taxonomy: Taxonomy;
  readonly document: GraphDocument;
}

const sources = {
  ddc,
  dan,
  dann,
  coral,
  tradaboost,
  'fine-tune': fineTune,
  conservative,
  'multi-task': multiTask,
  'zero-shot': zeroShot,
  'self-taught': selfTaught,
  transitive,
  gradual,
  'negative-transfer': negativeTransfer,
} as const;

/** The gallery: one graph per classic method, parsed like any untrusted document. */
export const templates: readonly TemplateEntry[] = Object.entries(sources).map(([id, json]) => {
  const document = graphDocumentSchema.parse(json);
  return { id, title: document.name, description: document.description, taxonomy: document.metadata.taxonomy ?? 'feature-based', document };
});

export function getTemplate(id: string): TemplateEntry | undefined {
  return templates.find((t) => t.id === id);
}
