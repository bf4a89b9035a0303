/**
 * What the row readers (`csv-rows.ts`, `jsonl-rows.ts`) yield: one job's fields, or why the row
 * at that line could not be read. Errors name the problem, never the row's content, because the
 * content is personal data.
 */
export type SourceRow =
  | { readonly line: number; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly line: number; readonly error: string };

/** Longest record (CSV) or line (JSON Lines) read, in bytes; a longer one is rejected on its own. */
export const MAX_RECORD_BYTES = 64 * 1024;

/** The whole file cannot be imported (a bad header, an unreadable file); nothing was sent. */
export class InputRefused extends Error {
  override readonly name = 'InputRefused';
}

/** `record is longer than 64 KiB`, saying where it ends when that is on a later line. */
export function tooLongMessage(line: number, endLine: number, what: 'record' | 'line'): string {
  const limit = `${MAX_RECORD_BYTES / 1024} KiB`;
  if (endLine <= line) return `${what} is longer than ${limit}`;
  return `${what} is longer than ${limit} (it runs to line ${endLine}; an unclosed quote?)`;
}
