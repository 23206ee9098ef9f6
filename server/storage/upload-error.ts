/** A refused upload: HTTP status, message, and where in the file (for data errors). */
export class UploadError extends Error {
  constructor(
    readonly status: 400 | 403 | 413 | 500,
    message: string,
    readonly location: { file?: string; line?: number; column?: number; field?: string } = {},
  ) {
    super(message);
    this.name = 'UploadError';
  }
}
