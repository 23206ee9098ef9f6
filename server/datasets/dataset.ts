/** A loaded data set: dense features, row-major, plus integer labels (−1 = unlabelled). */
export interface Dataset {
  name: string;
  /** n × width, row-major. */
  x: Float32Array;
  /** Class index per row; −1 marks an unlabelled row. */
  y: Int32Array;
  n: number;
  width: number;
  /** Number of classes (labels are 0 … classes−1). 0 when nothing is labelled and the count is unknown. */
  classes: number;
  /** [height, width, channels] for images, else null. */
  imageShape: [number, number, number] | null;
  /** Optional display names of the classes, index = class (e.g. string labels of an upload, sorted). */
  labelNames?: string[];
  /** CSV uploads: the feature columns' names, in order. */
  featureColumns?: string[];
}

/** Where in a file a problem is, for messages like "data.csv, line 12, column 3 (petal): …". */
export interface DatasetErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  field?: string;
}

/**
 * A bad data set or data set option. The message says what is wrong and what to do; the location
 * fields (1-based line/column) let the UI point at the offending cell.
 */
export class DatasetError extends Error {
  file?: string;
  line?: number;
  column?: number;
  field?: string;

  constructor(message: string, location: DatasetErrorLocation = {}) {
    super(DatasetError.prefix(location) + message);
    this.name = 'DatasetError';
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.field = location.field;
  }

  private static prefix(loc: DatasetErrorLocation): string {
    const parts: string[] = [];
    if (loc.file !== undefined) parts.push(loc.file);
    if (loc.line !== undefined) parts.push(`line ${loc.line}`);
    if (loc.column !== undefined) parts.push(`column ${loc.column}${loc.field !== undefined ? ` (${loc.field})` : ''}`);
    // A field alone (a data set option) is named in the message itself; it only qualifies a file location.
    else if (loc.field !== undefined && parts.length > 0) parts.push(`"${loc.field}"`);
    return parts.length > 0 ? `${parts.join(', ')}: ` : '';
  }
}
