import { isUtf8 } from 'node:buffer';
import { withoutBom } from './byte-chunks.js';
import { MAX_RECORD_BYTES, type SourceRow, tooLongMessage } from './source-row.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads JSON Lines (one JSON object per line), streaming. Blank lines are skipped; a line that is
 * too long, not UTF-8, not JSON or not an object comes out as an error and the lines after it go
 * on. Values are passed on as they are: the daemon checks them.
 */
export async function* jsonlRows(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SourceRow> {
  const buf = Buffer.allocUnsafe(MAX_RECORD_BYTES + 1);
  let len = 0;
  let raw = 0;
  let line = 1;

  const finish = (): SourceRow | undefined => {
    const end = len > 0 && buf[len - 1] === CR ? len - 1 : len;
    const bytes = raw - (end < len ? 1 : 0);
    len = 0;
    raw = 0;
    if (bytes > MAX_RECORD_BYTES) return { line, error: tooLongMessage(line, line, 'line') };
    const view = buf.subarray(0, end);
    if (!isUtf8(view)) return { line, error: 'not valid UTF-8' };
    const text = view.toString('utf8');
    if (text.trim() === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // V8's message quotes the text around the mistake, which is personal data; keep only where.
      const at = /position (\d+)/.exec((error as Error).message)?.[1];
      return { line, error: `not valid JSON${at === undefined ? '' : ` (at character ${Number(at) + 1})`}` };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { line, error: 'not a JSON object' };
    }
    return { line, fields: value as Record<string, unknown> };
  };

  for await (const chunk of withoutBom(chunks)) {
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(LF, start);
      const end = lf === -1 ? chunk.length : lf;
      const n = end - start;
      if (len + n <= buf.length) {
        buf.set(chunk.subarray(start, end), len);
        len += n;
      }
      raw += n;
      if (lf === -1) break;
      const row = finish();
      if (row !== undefined) yield row;
      line++;
      start = lf + 1;
    }
  }
  if (raw > 0) {
    const row = finish();
    if (row !== undefined) yield row;
  }
}
