import { Readable } from 'node:stream';
import { getServices } from '../../../server/services';
import { storeUpload, UploadError, uploadParamsSchema } from '../../../server/storage/store-upload';
import { uploadLimits } from '../../../server/datasets/limits';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const json = (status: number, body: unknown) => Response.json(body, { status });

/**
 * POST /api/uploads — a data set upload. Either multipart/form-data (fields: file, optional labels for
 * IDX, name, format, labelColumn) or a raw body with ?name=…&format=csv|idx[&labelColumn=…].
 * 201 { dataset } | 400/413 { error, file?, line?, column? }. Nothing is stored unless all of it is good.
 */
export async function POST(req: Request): Promise<Response> {
  // Read-only visitors (share links) cannot upload; scripts/serve.ts marks them.
  if (req.headers.get('x-stepstone-access') === 'readOnly') return json(403, { error: 'This link is read-only.' });
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > uploadLimits.maxBytes * 2 + 1_000_000) return json(413, { error: `The upload is larger than the limit of ${uploadLimits.maxBytes / 1024 / 1024} MB.` });
  const url = new URL(req.url);
  const type = req.headers.get('content-type') ?? '';
  try {
    let fields: Record<string, string | undefined>;
    let body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
    let labels: ReadableStream<Uint8Array> | undefined;
    if (type.startsWith('multipart/form-data')) {
      const form = await req.formData();
      const file = form.get('file');
      if (!(file instanceof Blob)) return json(400, { error: 'The form has no "file" field.' });
      const labelsFile = form.get('labels');
      const str = (k: string) => (typeof form.get(k) === 'string' ? (form.get(k) as string) : undefined);
      fields = { name: str('name') ?? (file instanceof File ? file.name : undefined), format: str('format'), labelColumn: str('labelColumn') || undefined };
      body = file.stream();
      labels = labelsFile instanceof Blob ? labelsFile.stream() : undefined;
    } else {
      if (!req.body) return json(400, { error: 'The request has no body.' });
      fields = { name: url.searchParams.get('name') ?? undefined, format: url.searchParams.get('format') ?? undefined, labelColumn: url.searchParams.get('labelColumn') || undefined };
      body = Readable.fromWeb(req.body as import('node:stream/web').ReadableStream<Uint8Array>);
    }
    const params = uploadParamsSchema.safeParse(fields);
    if (!params.success) return json(400, { error: params.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    const services = await getServices();
    const dataset = await storeUpload({ db: services.db, dataDir: services.dataDir, params: params.data, body, labels });
    // The server's file path stays on the server.
    const { path: _path, ...shown } = dataset;
    return json(201, { dataset: shown });
  } catch (err) {
    if (err instanceof UploadError) return json(err.status, { error: err.message, ...err.location });
    console.error('upload failed', err);
    return json(500, { error: 'The upload failed on the server; nothing was stored.' });
  }
}
