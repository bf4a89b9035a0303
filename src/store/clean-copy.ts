import Database from 'better-sqlite3';

/** What a clean copy erased on the way. */
export interface CleanCopy {
  /** Ended jobs whose card data (kept on purpose by a retention) was left out of the copy. */
  readonly erasedJobs: number;
}

/**
 * Copies the store at `source` into the empty file `target` as a backup should be: one consistent
 * snapshot (VACUUM INTO, read-only on the live store) that carries only live rows, none of the
 * freed pages or write-ahead log of the original, and no card data of ended jobs, even those the
 * live store still keeps under a retention: a backup exists to restore the queue and the books,
 * and it travels to places the print PC does not. Queued and uncertain jobs keep theirs, since
 * they still need it. A single-file database (rollback journal), so the copy is one file.
 */
export function writeCleanCopy(source: string, target: string): CleanCopy {
  const live = new Database(source, { readonly: true, fileMustExist: true });
  try {
    live.prepare('VACUUM INTO ?').run(target);
  } finally {
    live.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    copy.pragma('secure_delete = ON');
    const erasedJobs = copy
      .prepare(
        `UPDATE jobs SET card_json = NULL
         WHERE card_json IS NOT NULL AND state IN ('printed', 'spoiled', 'cancelled')`,
      )
      .run().changes;
    // secure_delete zeroed the freed bytes; VACUUM also drops the pages that became empty.
    if (erasedJobs > 0) copy.exec('VACUUM');
    return { erasedJobs };
  } finally {
    copy.close();
  }
}
