import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getServices } from '../../../server/services';
import { formatBytes, uploadLimits } from '../../../server/datasets/limits';
import { receiveMultipart } from '../../../server/storage/receive-multipart';
import { streamToFile } from '../../../server/storage/stream-to-file';
import { commitUpload, uploadParamsSchema, uploadTempPaths, UploadError } from '../../../server/storage/store-upload';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const json = (status: number, body: unknown) => Response.json(body, { status });
type TempPaths = Awaited<ReturnType<typeof uploadTempPaths>>;

/** The request's body, its fields and its files, streamed to the temporary paths under the size limit. */
async function receive(req: Request, paths: TempPaths) {
  const body = Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>);
  const type = req.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await receiveMultipart(body, Object.fromEntries(req.headers), paths, uploadLimits.maxBytes);
    if (!form.file) throw new UploadError(400, 'The form has no "file" field.');
    const f = form.fields;
    const fields = { name: f.name || form.file.filename || undefined, format: f.format, labelColumn: f.labelColumn || undefined };
    return { fields, file: form.file, hasLabels: form.labels !== undefined };
  }
  const url = new URL(req.url);
  const fields = { name: url.searchParams.get('name') ?? undefined, format: url.searchParams.get('format') ?? undefined, labelColumn: url.searchParams.get('labelColumn') || undefined };
  // Parameters first: a raw upload with bad ones is refused before its body is read.
  checkParams(fields);
  const file = await streamToFile(body, paths.tmp, uploadLimits.maxBytes, fields.name ?? 'upload');
  return { fields, file, hasLabels: false };
}

function checkParams(fields: Record<string, string | undefined>) {
  const params = uploadParamsSchema.safeParse(fields);
  if (!params.success) throw new UploadError(400, params.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return params.data;
}

/**
 * POST /api/uploads — a data set upload. Either multipart/form-data (fields: file, optional labels for
 * IDX, name, format, labelColumn) or a raw body with ?name=…&format=csv|idx[&labelColumn=…]. Bodies
 * stream to disk under the size limit (no content-length needed) and are parsed in a separate process.
 * 201 { dataset } | 400/413 { error, file?, line?, column? }. Nothing is stored unless all of it is good.
 */
export async function POST(req: Request): Promise<Response> {
  // Read-only visitors (share links) cannot upload; scripts/serve.ts marks them.
  if (req.headers.get('x-stepstone-access') === 'readOnly') return json(403, { error: 'This link is read-only.' });
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > uploadLimits.maxBytes * 2 + 1_000_000) return json(413, { error: `The upload is larger than the limit of ${formatBytes(uploadLimits.maxBytes)}.` });
  if (!req.body) return json(400, { error: 'The request has no body.' });
  const services = await getServices();
  const paths = await uploadTempPaths(services.dataDir);
  try {
    const received = await receive(req, paths);
    const params = checkParams(received.fields);
    const { path: _path, parsedBy: _pid, ...shown } = await commitUpload({ db: services.db, dataDir: services.dataDir, params, ...paths, hasLabels: received.hasLabels, ...received.file });
    // The server's file path stays on the server.
    return json(201, { dataset: shown });
  } catch (err) {
    await Promise.all([paths.tmp, paths.tmpLabels].map((p) => rm(p, { force: true })));
    if (err instanceof UploadError) return json(err.status, { error: err.message, ...err.location });
    console.error('upload failed', err);
    return json(500, { error: 'The upload failed on the server; nothing was stored.' });
  }
}
