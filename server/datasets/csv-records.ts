import Papa from 'papaparse';
import { DatasetError } from './dataset';
import { guessDelimiter } from './csv-header';
import type { UploadLimits } from './limits';

export type OnRecord = (cells: string[], line: number) => void;

/**
 * Cuts CSV text, pushed in pieces of any size, into records: physical lines joined while a quoted
 * field is open. Enforces, as the text arrives, the longest line / record, the number of lines and
 * the absence of NUL characters, so a hostile file is refused before it is held in memory.
 */
export class CsvRecordReader {
  private carry = '';
  private line = 0;
  private record: string | null = null;
  private recordLine = 0;
  private quotes = 0;
  private delimiter: string | undefined;
  /** The previous piece ended in \r: a \n starting this one completes the same \r\n break. */
  private skipLf = false;

  constructor(
    private readonly onRecord: OnRecord,
    private readonly opts: { file: string; limits: Pick<UploadLimits, 'maxLineLength' | 'maxLines'>; delimiter?: string },
  ) {
    this.delimiter = opts.delimiter;
  }

  /** Lines end in \n (Unix), \r\n (Windows) or a bare \r (old Mac), even when a piece ends between \r and \n. */
  push(text: string): void {
    let start = 0;
    if (this.skipLf && text.startsWith('\n')) start = 1;
    if (text.length > 0) this.skipLf = false;
    const breaks = /\r\n|\r|\n/g;
    breaks.lastIndex = start;
    for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) {
      const piece = text.slice(start, m.index);
      start = m.index + m[0].length;
      if (m[0] === '\r' && start === text.length) this.skipLf = true;
      this.checkLength(this.carry.length + piece.length, this.line + 1);
      this.physicalLine(this.carry + piece);
      this.carry = '';
    }
    this.checkLength(this.carry.length + text.length - start, this.line + 1);
    this.carry += text.slice(start);
  }

  /** The end of the text: the last line (if it has no line break) and an unclosed quote. */
  end(): void {
    if (this.carry !== '') this.physicalLine(this.carry);
    this.carry = '';
    if (this.record !== null) {
      throw new DatasetError('a quoted field is never closed (a " without its closing "). Remove the stray quote.', { file: this.opts.file, line: this.recordLine });
    }
  }

  private checkLength(length: number, line: number): void {
    const max = this.opts.limits.maxLineLength;
    if (length > max) {
      throw new DatasetError(`the line is longer than ${max} characters, the most a CSV record may have. Is this really a CSV file?`, { file: this.opts.file, line });
    }
  }

  private physicalLine(raw: string): void {
    const { file, limits } = this.opts;
    this.line++;
    if (this.line > limits.maxLines) {
      throw new DatasetError(`has more than ${limits.maxLines} lines (blank ones included), the most an upload may have. Upload a subset.`, { file, line: this.line });
    }
    let text = raw;
    if (this.line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const nul = text.indexOf('\0');
    if (nul !== -1) {
      throw new DatasetError('contains a NUL character (this looks like a binary file, not CSV text). Save the table as CSV and upload it again.', { file, line: this.line });
    }
    if (this.record === null) {
      this.record = text;
      this.recordLine = this.line;
    } else {
      this.record += `\n${text}`;
      this.checkLength(this.record.length, this.recordLine);
    }
    for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) this.quotes++;
    if (this.quotes % 2 === 1) return; // a quoted field goes on in the next line
    const record = this.record;
    this.record = null;
    this.quotes = 0;
    this.onRecord(this.cells(record, this.recordLine), this.recordLine);
  }

  private cells(record: string, line: number): string[] {
    this.delimiter ??= guessDelimiter(record);
    if (!record.includes('"')) return record.split(this.delimiter);
    const parsed = Papa.parse<string[]>(record, { delimiter: this.delimiter, newline: '\n', skipEmptyLines: false });
    if (parsed.errors.some((e) => e.type === 'Quotes') || parsed.data.length !== 1) {
      throw new DatasetError('a quoted field is never closed (a " without its closing "). Remove the stray quote.', { file: this.opts.file, line });
    }
    return parsed.data[0]!;
  }
}
