'use client';

import type { ModelSummary } from '../../formats/pretrained-model';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { UploadThumbnail } from '../../formats/upload-preview';

export interface UploadRef {
  readonly id: string;
  readonly name: string;
  /** The preview's scatter or a few of its images, for the domain card's thumbnail. */
  readonly thumbnail?: UploadThumbnail | null;
  /** A pre-trained model upload: its layers (the extractor node's layer pickers). */
  readonly model?: ModelSummary | null;
}

const UploadsContext = createContext<ReadonlyMap<string, UploadRef>>(new Map());

/** Uploads known to the page, so cards can show an upload's name and thumbnail instead of `upload:<id>`. */
export function UploadsProvider({ uploads, children }: { uploads: ReadonlyArray<UploadRef> | undefined; children: ReactNode }) {
  const map = useMemo(() => new Map((uploads ?? []).map((u) => [u.id, u])), [uploads]);
  return <UploadsContext.Provider value={map}>{children}</UploadsContext.Provider>;
}

/** The upload a `dataset` param names (`upload:<id>`), if known. */
export function useUploadOf(dataset: unknown): UploadRef | undefined {
  const map = useContext(UploadsContext);
  return typeof dataset === 'string' && dataset.startsWith('upload:') ? map.get(dataset.slice('upload:'.length)) : undefined;
}

/** `upload:<id>` → the upload's name (a deleted one: "deleted upload"); anything else unchanged. */
export function datasetLabel(dataset: string, upload: UploadRef | undefined): string {
  if (!dataset.startsWith('upload:')) return dataset;
  return upload ? upload.name : 'deleted upload';
}
