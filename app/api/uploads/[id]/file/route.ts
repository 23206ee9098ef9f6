import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { datasets } from '../../../../../db/schema';
import { DatasetError } from '../../../../../server/datasets/dataset';
import { encodeDataset } from '../../../../../server/datasets/dataset-file';
import { parseUpload } from '../../../../../server/datasets/parse-upload';
import { uploadResolver } from '../../../../../server/jobs/upload-resolver';
import { getServices } from '../../../../../server/services';
import { readMeta, type DatasetRow } from '../../../../../server/storage/upload-meta';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const json = (status: number, error: string) => Response.json({ error }, { status });
const headers = (size: number) => ({ 'content-type': 'application/octet-stream', 'content-length': String(size), 'cache-control': 'private, no-store' });

/** A zip of images parsed by the server's own parser (sharp) with the stored options, as a stepstone.dataset file. */
async function parsedZip(db: Parameters<typeof uploadResolver>[0], row: DatasetRow): Promise<Response> {
  const resolved = await uploadResolver(db)(row.id);
  if (!resolved) return json(404, `No uploaded data set with id ${row.id}.`);
  try {
    const bytes = encodeDataset((await parseUpload(resolved)).dataset);
    return new Response(bytes as BlobPart, { headers: headers(bytes.length) });
  } catch (err) {
    if (err instanceof DatasetError) return json(422, err.message);
    throw err;
  }
}

/**
 * GET /api/uploads/<id>/file[?part=labels|?as=dataset] — an upload for a browser run of a visitor with access: the
 * stored bytes (as uploaded, gzip or not; the worker parses them with the server's parser and the stored options,
 * datasets.readOptions), or for a zip of images, which a browser cannot decode as sharp does, the server's parse
 * (`?as=dataset`, server/datasets/dataset-file.ts). The gate denies it to token-less visitors (share links);
 * read-only is refused here too.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  if (req.headers.get('x-stepstone-access') === 'readOnly') return json(403, 'This link is read-only: it cannot read uploads from the server.');
  const { id } = await params;
  const { db } = await getServices();
  const [row] = await db.select().from(datasets).where(eq(datasets.id, id.slice(0, 64)));
  if (!row) return json(404, `No uploaded data set with id ${id.slice(0, 64)}.`);
  const query = new URL(req.url).searchParams;
  if (query.get('as') === 'dataset') return row.format === 'zip' ? parsedZip(db, row) : json(400, 'Only a zip of images is sent parsed; read the file itself.');
  const file = query.get('part') === 'labels' ? readMeta(row).labelsPath : row.path;
  if (!file) return json(404, `The upload "${row.name}" has no labels file.`);
  const size = await stat(/*turbopackIgnore: true*/ file).then((s) => s.size, () => null);
  if (size === null) return json(404, `The file of the upload "${row.name}" is missing on the server. Upload it again.`);
  const body = Readable.toWeb(createReadStream(/*turbopackIgnore: true*/ file)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: headers(size) });
}
