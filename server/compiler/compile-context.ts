import type { ModelSummary } from '../../formats/pretrained-model';

/** Metadata of an uploaded data set, looked up by the caller (the compiler never reads storage). */
export interface UploadMeta {
  readonly width: number;
  readonly classes: number;
  readonly labelled: boolean;
  readonly imageShape: readonly [number, number, number] | null;
  readonly rows: number;
  /** The file's name as uploaded (messages and cards). */
  readonly name?: string;
  /** Text labels: class index → name (sorted); source and target classes are aligned by these. */
  readonly labelNames?: readonly string[];
  /** A pre-trained model upload (format "model"): its layers and input shape; data-set fields are 0. */
  readonly model?: ModelSummary;
}

export interface CompileContext {
  /** Upload id (the part after `upload:`) → its metadata. */
  readonly uploads?: Readonly<Record<string, UploadMeta>>;
}
