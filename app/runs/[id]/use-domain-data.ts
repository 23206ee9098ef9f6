'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TrainingPlan } from '../../../formats/training-plan';
import { useTRPC } from '../../lib/trpc';
import { datasetLabel } from '../../uploads/uploads-context';

/** Domain node id → what its data are: an upload's name (not `upload:<id>`), or the built-in set's id. */
export function useDomainData(plan: TrainingPlan | undefined): Record<string, string> {
  const trpc = useTRPC();
  const hasUploads = !!plan?.domains.some((d) => d.dataset.kind === 'upload');
  const uploads = useQuery({ ...trpc.datasets.list.queryOptions(), enabled: hasUploads });
  return useMemo(() => {
    const byId = new Map((uploads.data?.uploads ?? []).map((u) => [u.id, u]));
    const out: Record<string, string> = {};
    for (const d of plan?.domains ?? []) {
      out[d.nodeId] = d.dataset.kind === 'upload' ? datasetLabel(`upload:${d.dataset.id}`, byId.get(d.dataset.id)) : d.dataset.id;
    }
    return out;
  }, [plan, uploads.data]);
}
