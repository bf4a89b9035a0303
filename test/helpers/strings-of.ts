import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * What the real `strings` binary (binutils) reads in each file that exists, every printable run of
 * four or more characters anywhere in it (`-a`), joined: what someone with the file and no SQLite
 * would see. A database's `-wal` and `-shm` are worth passing too.
 */
export function stringsOf(...files: string[]): string {
  return files
    .filter((file) => existsSync(file))
    .map((file) =>
      execFileSync('strings', ['-a', '-n', '4', file], { maxBuffer: 256 * 1024 * 1024 }).toString(),
    )
    .join('\n');
}

/** The database file of a store and the journal files beside it. */
export function storeFiles(database: string): string[] {
  return [database, `${database}-wal`, `${database}-shm`, `${database}-journal`];
}

/** Which of `needles` appear in `haystack` (for a failure message that names them). */
export function found(haystack: string, needles: readonly string[]): string[] {
  return needles.filter((needle) => haystack.includes(needle));
}
