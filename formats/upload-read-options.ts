import type { CsvOptions } from './csv-options';
import type { ImageOptions } from './image-options';
import type { UploadFormat } from './upload-preview';

/**
 * How an upload is read — the options stored with it (storage/upload-meta.ts), exactly as the server's run reads it
 * (jobs/upload-resolver.ts): given to a browser run that reads the upload from the server or from a picked file.
 * Never the server's file paths.
 */
export interface UploadReadOptions {
  readonly id: string;
  /** The upload's name (the file name the owner uploaded). */
  readonly name: string;
  readonly format: UploadFormat;
  /** CSV: the stored options; older rows have only `labelColumn`. */
  readonly csv?: CsvOptions;
  readonly labelColumn?: string;
  readonly image?: ImageOptions;
  /** IDX: the upload has a separate labels file. */
  readonly hasLabelsFile: boolean;
}
