import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvRecordReader } from '../../src/import/csv-records.js';
import { csvRows } from '../../src/import/csv-rows.js';
import type { SourceRow } from '../../src/import/source-row.js';
import { csvRecord } from './resident-files.js';

/** Characters that matter to CSV, often, plus any Unicode code point. */
const cellChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(',', '"', '\r', '\n', ' ', '\t', 'a', 'é', '😀') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const cell = fc.string({ unit: cellChar, maxLength: 12 });
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

/** A correct writer: RFC 4180 quoting; a record of one empty cell is written `""` so it isn't a blank line. */
function writeRecord(cells: readonly string[]): string {
  return cells.length === 1 && cells[0] === '' ? '""' : csvRecord(cells);
}

const lineBreaks = (text: string) => (text.match(/\r\n|\r|\n/g) ?? []).length;

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('CSV written by a correct writer reads back identically', () => {
  it('cell for cell, with each record at the line it starts on, however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        lineEnd,
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        (records, end, finalEnd, chunkSize) => {
          let text = '';
          const expected: CsvRecord[] = [];
          records.forEach((cells, i) => {
            expected.push({ line: 1 + lineBreaks(text), cells });
            text += writeRecord(cells) + (i < records.length - 1 || finalEnd ? end : '');
          });
          const bytes = Buffer.from(text, 'utf8');
          const reader = new CsvRecordReader();
          const out: CsvRecord[] = [];
          for (let i = 0; i < bytes.length; i += chunkSize)
            reader.push(bytes.subarray(i, i + chunkSize), out);
          reader.end(out);
          expect(out).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('as job rows: trimmed, empty cells absent, blank rows skipped, with or without a BOM', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.stringMatching(/^[a-z][A-Za-z]{0,8}$/), { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 10 }),
        lineEnd,
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        async (header, rawRows, end, bom, chunkSize) => {
          const rows = rawRows.map((r) => r.slice(0, header.length));
          let text = `${bom ? '\uFEFF' : ''}${csvRecord(header)}${end}`;
          const expected: SourceRow[] = [];
          for (const cells of rows) {
            const line = 1 + lineBreaks(text);
            text += `${writeRecord(cells)}${end}`;
            const fields: Record<string, string> = {};
            cells.forEach((value, i) => {
              if (value.trim() !== '') fields[header[i] as string] = value.trim();
            });
            if (Object.keys(fields).length > 0) expected.push({ line, fields });
          }
          const out: SourceRow[] = [];
          for await (const row of csvRows(chunked(Buffer.from(text, 'utf8'), chunkSize))) out.push(row);
          expect(out).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
