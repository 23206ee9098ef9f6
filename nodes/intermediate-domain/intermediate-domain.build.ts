import type { NodeBuilder } from '../../server/runtime/node-builder';
import { loadPreparedDomain } from '../../server/runtime/train/load-domain';

/** Runtime of a intermediateDomain node: load its data set, hold out the test split, apply the labels policy. */
export const intermediateDomainBuild = {
  type: 'intermediateDomain',
  role: 'data',
  loadDomain: loadPreparedDomain,
} as const satisfies NodeBuilder<'intermediateDomain'>;
