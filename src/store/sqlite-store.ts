import Database from 'better-sqlite3';
import { CetakError } from '../errors.js';
import type { AlertStore } from './alert-store.js';
import { type BeliefStore, SqliteBeliefStore } from './belief-store.js';
import type { JobStore } from './job-store.js';
import type { LedgerStore } from './ledger-store.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteAlertStore } from './sqlite-alert-store.js';
import { SqliteJobStore } from './sqlite-job-store.js';
import { SqliteLedgerStore } from './sqlite-ledger-store.js';
import { SqliteStockCheckStore } from './sqlite-stock-check-store.js';
import type { StockCheckStore } from './stock-check-store.js';

/** The daemon's persistence: jobs and the ledger share one database (and its transactions). */
export interface Store {
  readonly jobs: JobStore;
  readonly ledger: LedgerStore;
  readonly beliefs: BeliefStore;
  readonly alerts: AlertStore;
  readonly stockChecks: StockCheckStore;
}

/** The SQLite store, with its connection for diagnostics and fault tests (a size cap, say). */
export interface SqliteStore extends Store {
  readonly database: Database.Database;
}

/** How an opened store is tuned. */
export interface SqliteStoreOptions {
  /**
   * `FULL` (default) makes every acknowledged write survive a power cut. `NORMAL` may lose the last
   * commits in one (never corrupts): for soak simulations only, never for a print PC.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating if needed) the database at `file`, or in memory for `':memory:'`. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  const db = new Database(file);
  try {
    return setUp(db, file, options.synchronous ?? 'FULL');
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
      throw damaged(file, (error as Error).message, error);
    }
    throw error;
  }
}

function setUp(db: Database.Database, file: string, synchronous: 'FULL' | 'NORMAL'): SqliteStore {
  // Refuse a newer schema before changing anything in the file (journal mode included).
  assertKnownSchema(db);
  // WAL keeps readers (the status port) off the printer's write path; synchronous=FULL makes an
  // acknowledged job survive a power cut, which print PCs in kecamatan offices do get.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  assertIntact(db, file);
  migrate(db);
  const ledger = new SqliteLedgerStore(db);
  return {
    jobs: new SqliteJobStore(db, ledger),
    ledger,
    beliefs: new SqliteBeliefStore(db),
    alerts: new SqliteAlertStore(db),
    stockChecks: new SqliteStockCheckStore(db),
    database: db,
  };
}

/** The job store alone (tests and tools that need no ledger view). */
export function openSqliteJobStore(file: string): JobStore {
  return openSqliteStore(file).jobs;
}

function assertKnownSchema(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new CetakError(
      'DATA_DIR_UNUSABLE',
      `the job store was written by a newer Cetak (schema ${applied}, this one knows ${MIGRATIONS.length})`,
    );
  }
}

/** A damaged store must stop the daemon with a clear word, not print from half a queue. */
function assertIntact(db: Database.Database, file: string): void {
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') throw damaged(file, String(result));
}

function damaged(file: string, why: string, cause?: unknown): CetakError {
  return new CetakError(
    'STORE_DAMAGED',
    `the job store ${file} is damaged (${why}); stop here, keep the file for inspection, and restore the latest backup (made with: npm run cetak -- backup FILE)`,
    { cause },
  );
}

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    MIGRATIONS.slice(applied).forEach((sql, i) => {
      db.exec(sql);
      db.pragma(`user_version = ${applied + i + 1}`);
    });
  })();
}
