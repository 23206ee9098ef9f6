import type { PlanDomain } from '../../../formats/training-plan';
import { DatasetError } from '../../datasets/dataset';
import { loadDataset, type LoadDatasetOptions } from '../../datasets/load-dataset';
import { PlanInputError } from '../plan-input-error';
import { alignLabels } from './align-labels';
import { prepareDomain, type PreparedDomain } from './prepare-domain';

/** Loads a domain node's data set; data set problems come back naming the node. */
export async function loadPreparedDomain(domain: PlanDomain, seed: number, options: LoadDatasetOptions): Promise<PreparedDomain> {
  let ds;
  try {
    ds = await loadDataset(domain.dataset, options);
  } catch (error) {
    if (error instanceof DatasetError) throw new PlanInputError(`Domain "${domain.name}": ${error.message}`, domain.nodeId, error.field ?? 'dataset');
    throw error;
  }
  return prepareDomain(domain, alignLabels(domain, ds), seed);
}
