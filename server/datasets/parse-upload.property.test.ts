import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset';
import { withLimits } from './limits';
import { parseCsv } from './parse-csv';
import { decodeIdx, idxToDataset } from './parse-idx';

const limits = withLimits({ maxRows: 200, maxColumns: 20, maxCells: 2000, maxClasses: 50 });

describe('upload parsers never crash on arbitrary input', () => {
  it('parseCsv: numeric tables round-trip exactly (as float32), labels included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((w) =>
          fc.tuple(
            fc.constant(w),
            fc.array(fc.tuple(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: w, maxLength: w }), fc.integer({ min: 0, max: 4 })), { minLength: 2, maxLength: 30 }),
            fc.constantFrom(',', ';', '\t'),
            fc.constantFrom('\n', '\r\n'),
          ),
        ),
        ([w, rows, sep, nl]) => {
          fc.pre(new Set(rows.map((r) => r[1])).size >= 2);
          const header = [...Array.from({ length: w }, (_, i) => `f${i}`), 'label'].join(sep);
          const text = [header, ...rows.map(([x, y]) => [...x.map((v) => String(v)), String(y)].join(sep))].join(nl) + nl;
          const p = parseCsv(text, { file: 'f.csv', limits });
          expect(p.dataset.n).toBe(rows.length);
          expect(p.dataset.width).toBe(w);
          rows.forEach(([x, y], r) => {
            // == rather than Object.is: String(-0) is "0".
            x.forEach((v, c) => expect(p.dataset.x[r * w + c] === Math.fround(v)).toBe(true));
            expect(p.dataset.y[r]).toBe(y);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('parseCsv: any text either parses or throws a DatasetError with a message', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '1', '2', '.', ',', ';', '\n', '\r', '"', ' ', '-', 'e', 'N', '\t', 'é') , maxLength: 200 }), (text) => {
        try {
          const p = parseCsv(`x,y,label\n${text}`, { file: 'f.csv', limits });
          expect(p.dataset.x.length).toBe(p.dataset.n * p.dataset.width);
          expect(p.dataset.y.length).toBe(p.dataset.n);
          for (const v of p.dataset.x) expect(Number.isFinite(v)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(DatasetError);
          expect((e as Error).message.length).toBeGreaterThan(20);
          const err = e as DatasetError;
          if (err.line !== undefined) expect(err.line).toBeGreaterThanOrEqual(1);
          if (err.column !== undefined) expect(err.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('decodeIdx: arbitrary bytes (and mutated valid files) parse or throw a DatasetError', () => {
    const valid = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
            const copy = valid.slice();
            copy[i] = b;
            return copy;
          }),
        ),
        (bytes) => {
          try {
            const a = decodeIdx(bytes, 'f.idx', limits);
            const d = idxToDataset(a, undefined, { name: 'f', imagesFile: 'f.idx', limits });
            expect(d.x.length).toBe(d.n * d.width);
          } catch (e) {
            expect(e).toBeInstanceOf(DatasetError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
