import { limits } from '../../formats/limits';
import { jsonDepthExceeds } from '../../formats/safe-text';

const refuse = (status: number, message: string) =>
  Response.json({ error: { message, code: -32600, data: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', httpStatus: status } } }, { status });

/** The body as text, read chunk by chunk and abandoned as soon as it passes `max` bytes. */
async function boundedText(req: Request, max: number): Promise<string | undefined> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    parts.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(parts));
}

/**
 * Checks an API request before tRPC parses it: the body within limits.maxRequestBytes, and the JSON
 * (body or ?input=) nested at most limits.maxJsonDepth levels — measured on the text, so a
 * 100,000-deep document is a 400, never a stack overflow. Returns the request to hand on, or the refusal.
 */
export async function guardApiRequest(req: Request): Promise<Request | Response> {
  const input = new URL(req.url).searchParams.get('input');
  if (input !== null && jsonDepthExceeds(input)) return refuse(400, `input: nested more than ${limits.maxJsonDepth} levels deep`);
  if (req.method !== 'POST') return req;
  const text = await boundedText(req, limits.maxRequestBytes);
  if (text === undefined) return refuse(413, `The request is larger than ${limits.maxRequestBytes / 1e6} MB.`);
  if (jsonDepthExceeds(text)) return refuse(400, `input: nested more than ${limits.maxJsonDepth} levels deep`);
  return new Request(req.url, { method: req.method, headers: req.headers, body: text, signal: req.signal });
}
