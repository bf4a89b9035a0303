import { accessSync, chmodSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CetakError } from '../errors.js';

export interface DataDir {
  readonly root: string;
  readonly database: string;
  /** The status port's bearer token, owner-only. */
  readonly token: string;
  /** The read-only token that lets a city Prometheus scrape `/metrics` and nothing else, owner-only. */
  readonly scrapeToken: string;
  /** Where a running daemon says how to reach it: `{url, pid, startedAt}`. */
  readonly daemonInfo: string;
  /** The install secret the store's NIK hashes are keyed with, owner-only (docs/privacy.md). */
  readonly secret: string;
}

/** Creates the data dir if needed (owner-only, since it holds personal data) and checks it is writable. */
export function prepareDataDir(dir: string): DataDir {
  const root = resolve(dir);
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    accessSync(root, constants.R_OK | constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CetakError(
      'DATA_DIR_UNUSABLE',
      `data dir ${root} cannot be used (${code}); choose another with --data-dir`,
      {
        cause: error,
      },
    );
  }
  return {
    root,
    database: join(root, 'cetak.db'),
    token: join(root, 'token'),
    scrapeToken: join(root, 'scrape-token'),
    daemonInfo: join(root, 'daemon.json'),
    secret: join(root, 'secret'),
  };
}

/** Restricts a file the daemon created to its owner. Best effort: Windows ignores POSIX modes. */
export function ownerOnly(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Windows ACLs, not modes, protect the file there; the data dir's location does the job.
  }
}
