import { isCetakError } from '../errors.js';

/** An error as one line for logs and the status port: `CODE: message` for Cetak's own errors. */
export function errorMessage(error: unknown): string {
  if (isCetakError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
