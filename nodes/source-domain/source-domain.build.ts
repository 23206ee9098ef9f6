import type { NodeBuilder } from '../../server/runtime/node-builder';
import { loadPreparedDomain } from '../../server/runtime/train/load-domain';

/** Runtime of a sourceDomain node: load its data set, hold out the test split, apply the labels policy. */
export const sourceDomainBuild = {
  type: 'sourceDomain',
  role: 'data',
  loadDomain: loadPreparedDomain,
} as const satisfies NodeBuilder<'sourceDomain'>;
