import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UploadInfo } from '../datasets/inspect-upload';
import type { InspectReply, InspectRequest } from '../datasets/inspect-process';
import { withLimits } from '../datasets/limits';
import { UploadError } from './upload-error';

function entryPath(): string {
  // Next bundles server code, so import.meta.url may not point into server/; the repo root usually is cwd.
  const fromCwd = path.join(process.cwd(), 'server', 'datasets', 'inspect-process.ts');
  return existsSync(fromCwd) ? fromCwd : path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'datasets', 'inspect-process.ts');
}

/**
 * Parses an upload in a child process with a capped heap and a wall-time limit (killed past it), so a
 * hostile file can neither block nor crash the web process. Resolves with the metadata and the pid of
 * the process that parsed it; a bad file rejects with a 4xx UploadError.
 */
export function inspectInChild(req: InspectRequest): Promise<{ info: UploadInfo; pid: number }> {
  const limits = withLimits(req.limits);
  const file = req.fileName ?? path.basename(req.path);
  return new Promise((resolve, reject) => {
    const child = fork(entryPath(), [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${limits.parserHeapMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let reply: InspectReply | undefined;
    let timedOut = false;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    // The child's own deadline covers reading; this one also covers a parse stuck between chunks.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.maxParseMs + 5000);
    child.on('message', (m) => (reply = m as InspectReply));
    child.on('error', (err) => {
      if (child.pid === undefined) reject(new UploadError(500, `The upload could not be parsed: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (reply?.type === 'ok') return resolve({ info: reply.info, pid: reply.pid });
      if (reply?.type === 'refused') {
        const { message, file: f, line, column, field } = reply;
        return reject(new UploadError(400, message, { file: f, line, column, field }));
      }
      if (timedOut) return reject(new UploadError(413, `${file}: took longer than ${Math.round(limits.maxParseMs / 1000)} s to parse. Upload a smaller or simpler file.`, { file }));
      if (/heap limit|out of memory/i.test(stderr)) {
        return reject(new UploadError(413, `${file}: needs more than ${limits.parserHeapMb} MB of memory to parse. Upload a smaller subset.`, { file }));
      }
      const why = reply?.type === 'error' ? reply.message : `parser exited (${signal ?? `code ${code}`})`;
      console.error(`upload ${file}: parsing failed: ${why}\n${stderr}`);
      reject(new UploadError(500, 'The upload could not be parsed on the server; nothing was stored.'));
    });
    child.send(req satisfies InspectRequest, () => undefined);
  });
}
