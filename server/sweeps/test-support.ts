import type { GraphDocument } from '../../formats/graph-document';
import type { SweepAxis } from '../../formats/sweep';
import { getTemplate } from '../../templates/index';

/** The DANN template shrunk to train in a second or two (tiny moons, few epochs, one seed), with the given sweeps. */
export function tinyDannSweep(sweeps: SweepAxis[], opts: { epochs?: number } = {}): GraphDocument {
  const doc = structuredClone(getTemplate('dann')!.document);
  const node = (id: string) => doc.nodes.find((n) => n.id === id)!;
  node('source').params = { ...node('source').params, options: { samples: 80, noise: 0.1, seed: 1 } };
  node('target').params = { ...node('target').params, options: { samples: 80, noise: 0.1, rotation: 30, seed: 2 } };
  node('extractor').params = { ...node('extractor').params, hidden: [8, 8] };
  node('trainer').params = { ...node('trainer').params, epochs: opts.epochs ?? 20, batchSize: 32 };
  node('evaluate').params = { ...node('evaluate').params, repeats: 1, domainDistances: [], featureProjection: 'none' };
  return { ...doc, sweeps };
}
