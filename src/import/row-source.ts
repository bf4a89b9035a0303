import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { startsWithBom } from './byte-chunks.js';
import { csvRows } from './csv-rows.js';
import { checkJobHeader } from './job-columns.js';
import { jsonlRows } from './jsonl-rows.js';
import type { SourceRow } from './source-row.js';

export const ROW_FORMATS = ['csv', 'jsonl'] as const;
export type RowFormat = (typeof ROW_FORMATS)[number];

/** An import file opened for streaming. */
export interface RowSource {
  readonly format: RowFormat;
  /** The file's size in bytes, for progress. */
  readonly size: number;
  /** Bytes read from the file so far. */
  bytesRead(): number;
  /** The rows, read lazily: the file is read as they are consumed, one chunk at a time. */
  readonly rows: AsyncIterable<SourceRow>;
}

const CHUNK_BYTES = 64 * 1024;
const SNIFF_BYTES = 4096;
const BY_EXTENSION: Readonly<Record<string, RowFormat>> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/**
 * Opens `file` as job rows: CSV (with a header of job field names) or JSON Lines. The format comes
 * from `format`, else the extension (`.csv`, `.jsonl`, `.ndjson`), else the first character that is
 * not a space: `{` means JSON Lines. Throws the file system's error when the file can't be read.
 */
export async function openRowSource(file: string, format?: RowFormat): Promise<RowSource> {
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
  const chosen = format ?? BY_EXTENSION[extname(file).toLowerCase()] ?? (await sniffFormat(file));
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  return {
    format: chosen,
    size: info.size,
    bytesRead: () => bytes,
    rows: chosen === 'csv' ? csvRows(chunks(), { checkHeader: checkJobHeader }) : jsonlRows(chunks()),
  };
}

/** JSON Lines when the first character that is not a space is `{`; CSV otherwise. */
export async function sniffFormat(file: string): Promise<RowFormat> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const text = head.subarray(startsWithBom(head) ? 3 : 0).toString('latin1');
    return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
  } finally {
    await handle.close();
  }
}
