import { existsSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isCetakError } from '../errors.js';

/**
 * The free space the daemon wants before it opens its store. A fresh data dir takes about 0.25 MB
 * (the store, its WAL and shared-memory file, the token, the lock: see docs/operations.md, "What Cetak handles by itself"), so
 * 1 MB leaves room for the first jobs' journal too.
 */
export const NEEDED_FREE_BYTES = 1024 * 1024;

const MB = 1024 * 1024;

/**
 * Bytes an unprivileged process may still write on the disk holding `path` (or its nearest
 * existing folder: a data dir not yet created). `undefined` where the platform cannot say.
 */
export function freeBytes(path: string): number | undefined {
  let dir = resolve(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/** `disk full: 0.3 MB free, need 1 MB`: what the status port, the dashboard and the log say. */
export function diskFullReason(free: number | undefined, need = NEEDED_FREE_BYTES): string {
  const have = free === undefined ? 'too little space' : `${(free / MB).toFixed(1)} MB free`;
  return `disk full: ${have}, need ${Math.round((need / MB) * 10) / 10} MB`;
}

/** Whether an error means the disk has no room: SQLite's SQLITE_FULL, the OS's ENOSPC or EDQUOT. */
export function isDiskFull(error: unknown): boolean {
  if (isCetakError(error, 'STORE_FULL')) return true;
  const code = String((error as { code?: unknown } | undefined)?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause !== undefined && cause !== error && isDiskFull(cause);
}
