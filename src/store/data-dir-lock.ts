import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CetakError } from '../errors.js';

/**
 * One daemon per data dir: two would drive the same printers from the same queue. The lock file
 * holds the owner's pid; a lock whose process is gone (a crash, a power cut) is taken over.
 */
export function lockDataDir(root: string, startedAt: Date): () => void {
  const file = join(root, 'cetakd.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, `${JSON.stringify({ pid: process.pid, startedAt: startedAt.toISOString() })}\n`);
      } catch (error) {
        // A full disk takes the file but not its words: an empty lock would only confuse the next start.
        rmSync(file, { force: true });
        throw error;
      } finally {
        closeSync(fd);
      }
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && isAlive(holder.pid) && holder.pid !== process.pid) {
        throw new CetakError(
          'DATA_DIR_LOCKED',
          `data dir ${root} is in use by another cetakd (pid ${holder.pid}, started ${holder.startedAt}); stop it first, or give this one its own --data-dir`,
        );
      }
      // The holder is gone: its lock is stale.
      rmSync(file, { force: true });
    }
  }
  throw new CetakError('DATA_DIR_LOCKED', `could not lock data dir ${root}`);
}

function readHolder(file: string): { pid: number; startedAt: string } | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; startedAt?: unknown };
    return typeof holder.pid === 'number'
      ? { pid: holder.pid, startedAt: String(holder.startedAt) }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
