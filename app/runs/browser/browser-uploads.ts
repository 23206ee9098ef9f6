import type { BrowserUploadSource } from '../../../formats/browser-worker-protocol';
import type { TrainingPlan } from '../../../formats/training-plan';
import type { UploadReadOptions } from '../../../formats/upload-read-options';

/** A domain node of the plan that trains on an upload. */
export interface UploadDomain {
  readonly nodeId: string;
  readonly name: string;
  readonly uploadId: string;
  /** How the upload is read (the stored options); undefined when the server no longer knows the upload. */
  readonly options?: UploadReadOptions;
}

/** The plan's domains that use an upload, each with its read options when known. */
export function uploadDomains(plan: TrainingPlan, known: readonly UploadReadOptions[]): UploadDomain[] {
  const out: UploadDomain[] = [];
  for (const d of plan.domains) {
    if (d.dataset.kind !== 'upload') continue;
    const id = d.dataset.id;
    const options = known.find((u) => u.id === id);
    out.push({ nodeId: d.nodeId, name: d.name, uploadId: id, ...(options ? { options } : {}) });
  }
  return out;
}

/** A source from the read options and the bytes (read from the server, or a picked file). */
export function uploadSource(domain: UploadDomain, file: Blob, fileName: string, labels?: { file: Blob; name: string }): BrowserUploadSource {
  const o = domain.options;
  return {
    format: o?.format ?? 'csv',
    fileName,
    ...(o?.csv ? { csv: o.csv } : {}),
    ...(o?.labelColumn ? { labelColumn: o.labelColumn } : {}),
    ...(o?.image ? { image: o.image } : {}),
    file,
    ...(labels ? { labels: labels.file, labelsFileName: labels.name } : {}),
  };
}

/** `dataset`: a zip of images parsed by the server (a browser cannot decode images as the server's sharp does). */
async function fetchBytes(domain: UploadDomain, part: 'file' | 'labels' | 'dataset'): Promise<Blob> {
  const query = part === 'labels' ? '?part=labels' : part === 'dataset' ? '?as=dataset' : '';
  const res = await fetch(`/api/uploads/${encodeURIComponent(domain.uploadId)}/file${query}`, { credentials: 'same-origin' }).catch(() => null);
  if (!res?.ok) {
    const detail = res ? ((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `HTTP ${res.status}` : 'network error';
    throw new Error(`Domain "${domain.name}": its upload could not be read from the server (${detail}).`);
  }
  return res.blob();
}

/** For a visitor with access: every upload's stored bytes, read from the server with the stored options. */
export async function serverUploadSources(domains: readonly UploadDomain[]): Promise<Record<string, BrowserUploadSource>> {
  const out: Record<string, BrowserUploadSource> = {};
  for (const d of domains) {
    if (!d.options) throw new Error(`Domain "${d.name}": upload ${d.uploadId} does not exist on the server any more. Upload the file again and pick it in the domain node.`);
    const labels = d.options.hasLabelsFile ? { file: await fetchBytes(d, 'labels'), name: `${d.options.name} (labels)` } : undefined;
    out[d.uploadId] = uploadSource(d, await fetchBytes(d, d.options.format === 'zip' ? 'dataset' : 'file'), d.options.name, labels);
  }
  return out;
}
