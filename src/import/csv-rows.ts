import { withoutBom } from './byte-chunks.js';
import { type CsvRecord, CsvRecordReader } from './csv-records.js';
import { InputRefused, type SourceRow } from './source-row.js';

export interface CsvRowsOptions {
  /**
   * Checks the header's column names (trimmed) before any row is read; throws {@link InputRefused}
   * to refuse the whole file.
   */
  readonly checkHeader?: (columns: readonly string[], line: number) => void;
}

/**
 * Reads a CSV file with a header row as rows of named fields, streaming.
 *
 * Cells are trimmed; an empty cell means the field is absent. Rows whose cells are all empty
 * (blank lines, or `,,,` from a spreadsheet) are skipped. A row that cannot be read (too long,
 * invalid UTF-8, the wrong number of cells) comes out as an error for its first line and the rows
 * after it go on. A header that cannot be read throws {@link InputRefused}.
 */
export async function* csvRows(
  chunks: AsyncIterable<Uint8Array>,
  options: CsvRowsOptions = {},
): AsyncGenerator<SourceRow> {
  const reader = new CsvRecordReader();
  const records: CsvRecord[] = [];
  let header: readonly string[] | undefined;

  const toRow = (record: CsvRecord): SourceRow | undefined => {
    if (header === undefined) {
      if ('error' in record) throw new InputRefused(`line ${record.line}: the header row ${record.error}`);
      const columns = record.cells.map((cell) => cell.trim());
      if (columns.every((c) => c === '')) return undefined;
      options.checkHeader?.(columns, record.line);
      header = columns;
      return undefined;
    }
    if ('error' in record) return record;
    const cells = record.cells.map((cell) => cell.trim());
    if (cells.every((c) => c === '')) return undefined;
    if (cells.length !== header.length) {
      return { line: record.line, error: `has ${cells.length} fields, the header has ${header.length}` };
    }
    const fields: Record<string, string> = {};
    header.forEach((column, i) => {
      const cell = cells[i] as string;
      if (cell !== '') fields[column] = cell;
    });
    return { line: record.line, fields };
  };

  for await (const chunk of withoutBom(chunks)) {
    reader.push(chunk, records);
    for (const record of records) {
      const row = toRow(record);
      if (row !== undefined) yield row;
    }
    records.length = 0;
  }
  reader.end(records);
  for (const record of records) {
    const row = toRow(record);
    if (row !== undefined) yield row;
  }
  if (header === undefined) throw new InputRefused('the file is empty: it has no header row');
}
