import { DatasetError } from './dataset';
import { inspectUpload, type UploadInfo } from './inspect-upload';
import type { UploadLimits } from './limits';
import type { ResolvedUpload } from './parse-upload';

/** IPC of the upload-parsing child (forked by server/storage/inspect-in-child.ts). Data only: the upload, and limits. */
export interface InspectRequest extends ResolvedUpload {
  limits?: Partial<UploadLimits>;
  /** Also build the preview (first rows, column summary, classes, picture). */
  preview?: boolean;
}

export type InspectReply =
  | { type: 'ok'; info: UploadInfo; pid: number }
  | { type: 'refused'; message: string; file?: string; line?: number; column?: number; field?: string; pid: number }
  | { type: 'error'; message: string; pid: number };

// Child entry: parses one upload, replies, exits. A crash or a heap overflow takes only this process down.
const reply = (msg: InspectReply) =>
  new Promise<void>((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(msg, undefined, {}, () => resolve());
  });

process.on('disconnect', () => process.exit(1));
process.once('message', (raw) => void inspect(raw as InspectRequest));

async function inspect(req: InspectRequest): Promise<void> {
  try {
    const info = await inspectUpload(req.path, req.format, req.labelColumn, req.labelsPath, {
      fileName: req.fileName,
      labelsFileName: req.labelsFileName,
      limits: req.limits,
      csv: req.csv,
      image: req.image,
      preview: req.preview,
    });
    await reply({ type: 'ok', info, pid: process.pid });
  } catch (err) {
    if (err instanceof DatasetError) {
      await reply({ type: 'refused', message: err.message, file: err.file, line: err.line, column: err.column, field: err.field, pid: process.pid });
    } else {
      await reply({ type: 'error', message: err instanceof Error ? err.message : String(err), pid: process.pid });
    }
  }
  process.exit(0);
}
