import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { datasets } from '../../../../../db/schema';
import { getServices } from '../../../../../server/services';
import { readMeta } from '../../../../../server/storage/upload-meta';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const json = (status: number, error: string) => Response.json({ error }, { status });

/**
 * GET /api/uploads/<id>/file[?part=labels] — the stored bytes of an upload (as uploaded, gzip or not), for a
 * browser run of a visitor with access: the worker parses them with the server's parser and the stored options
 * (datasets.readOptions). The gate denies it to token-less visitors (share links); read-only is refused here too.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  if (req.headers.get('x-stepstone-access') === 'readOnly') return json(403, 'This link is read-only: it cannot read uploads from the server.');
  const { id } = await params;
  const { db } = await getServices();
  const [row] = await db.select().from(datasets).where(eq(datasets.id, id.slice(0, 64)));
  if (!row) return json(404, `No uploaded data set with id ${id.slice(0, 64)}.`);
  const labels = new URL(req.url).searchParams.get('part') === 'labels';
  const file = labels ? readMeta(row).labelsPath : row.path;
  if (!file) return json(404, `The upload "${row.name}" has no labels file.`);
  const size = await stat(/*turbopackIgnore: true*/ file).then((s) => s.size, () => null);
  if (size === null) return json(404, `The file of the upload "${row.name}" is missing on the server. Upload it again.`);
  const body = Readable.toWeb(createReadStream(/*turbopackIgnore: true*/ file)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { 'content-type': 'application/octet-stream', 'content-length': String(size), 'cache-control': 'private, no-store' } });
}
