import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getServices } from '../../../server/services';
import { formatBytes, uploadLimits } from '../../../server/datasets/limits';
import { receiveMultipart } from '../../../server/storage/receive-multipart';
import { stageUpload } from '../../../server/storage/staged-upload';
import { streamToFile } from '../../../server/storage/stream-to-file';
import { commitUpload, uploadParamsSchema, uploadTempPaths, UploadError } from '../../../server/storage/store-upload';
import { publicUpload } from '../../../server/storage/upload-meta';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const json = (status: number, body: unknown) => Response.json(body, { status });
type TempPaths = Awaited<ReturnType<typeof uploadTempPaths>>;
type Fields = Record<string, string | undefined>;

/** `options` is the CSV options as JSON text (formats/csv-options.ts). */
function jsonField(text: string | undefined, field: string, example: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new UploadError(400, `${field}: not valid JSON (e.g. ${example}).`);
  }
}

/** `options`: the CSV options as JSON; `image`: a zip's image options ({"size":28,"color":"grayscale"}). */
function paramsInput(f: Fields) {
  const csv = jsonField(f.options, 'options', '{"header":true,"label":{"by":"none"}}');
  const image = jsonField(f.image, 'image', '{"size":28,"color":"rgb"}');
  return { name: f.name, format: f.format, labelColumn: f.labelColumn || undefined, csv, image };
}

/** The request's body, its fields and its files, streamed to the temporary paths under the size limit. */
async function receive(req: Request, paths: TempPaths) {
  const body = Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>);
  const type = req.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await receiveMultipart(body, Object.fromEntries(req.headers), paths, uploadLimits.maxBytes);
    if (!form.file) throw new UploadError(400, 'The form has no "file" field.');
    const fields: Fields = { ...form.fields, name: form.fields.name || form.file.filename || undefined };
    return { fields, file: form.file, hasLabels: form.labels !== undefined };
  }
  const fields: Fields = Object.fromEntries(new URL(req.url).searchParams);
  // Parameters first: a raw upload with bad ones is refused before its body is read.
  checkParams(fields);
  const file = await streamToFile(body, paths.tmp, uploadLimits.maxBytes, fields.name ?? 'upload');
  return { fields, file, hasLabels: false };
}

function checkParams(fields: Fields) {
  const params = uploadParamsSchema.safeParse(paramsInput(fields));
  if (!params.success) throw new UploadError(400, params.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return params.data;
}

/**
 * POST /api/uploads — a data set upload. Either multipart/form-data (fields: file, optional labels for
 * IDX, name, format, options = CSV options as JSON, stage) or a raw body with ?name=…&format=csv|idx[&options=…].
 * Bodies stream to disk under the size limit (no content-length needed) and are parsed in a separate process.
 * With stage=1 the parsed file is kept staged and its preview returned (200 { staged }); `datasets.confirm`
 * keeps it. Otherwise it is stored at once: 201 { dataset }. 400/413 { error, file?, line?, column? }.
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
    const input = { db: services.db, dataDir: services.dataDir, params, ...paths, hasLabels: received.hasLabels, ...received.file };
    if (received.fields.stage === '1' || received.fields.stage === 'true') {
      const { stagedId, info } = await stageUpload(input);
      return json(200, { staged: { id: stagedId, name: params.name, format: params.format, csv: params.csv ?? null, info } });
    }
    const row = await commitUpload(input);
    // The server's file path stays on the server.
    return json(201, { dataset: publicUpload(row) });
  } catch (err) {
    await Promise.all([paths.tmp, paths.tmpLabels].map((p) => rm(p, { force: true })));
    if (err instanceof UploadError) return json(err.status, { error: err.message, ...err.location });
    console.error('upload failed', err);
    return json(500, { error: 'The upload failed on the server; nothing was stored.' });
  }
}
