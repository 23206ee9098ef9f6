/** Metadata of an uploaded data set, looked up by the caller (the compiler never reads storage). */
export interface UploadMeta {
  readonly width: number;
  readonly classes: number;
  readonly labelled: boolean;
  readonly imageShape: readonly [number, number, number] | null;
  readonly rows: number;
}

export interface CompileContext {
  /** Upload id (the part after `upload:`) → its metadata. */
  readonly uploads?: Readonly<Record<string, UploadMeta>>;
}
