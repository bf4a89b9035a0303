import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { CetakError } from '../errors.js';
import type { AlertStore } from './alert-store.js';
import { type BeliefStore, SqliteBeliefStore } from './belief-store.js';
import { createInstallSecret, readInstallSecret } from './install-secret.js';
import type { JobStore } from './job-store.js';
import type { LedgerStore } from './ledger-store.js';
import { MIGRATIONS } from './migrations.js';
import { PersonalKey, SECRET_BYTES } from './personal-key.js';
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
  /**
   * The install secret the NIK hashes are keyed with. Default: the file `secret` beside the
   * database, created with a new store (or an upgraded one that never had a secret); a store in
   * memory gets a random one of its own.
   */
  readonly secretFile?: string;
  /**
   * How long an ended job's card data (with the plain NIK) is kept, in ms; 0 (default) erases it
   * the moment the job ends. See `privacy.retainPersonalData`.
   */
  readonly retainPersonalDataMs?: number;
}

/** The file that holds the install secret of the store at `database`, unless configured otherwise. */
export function secretFileOf(database: string): string {
  return join(dirname(database), 'secret');
}

/** Opens (creating if needed) the database at `file`, or in memory for `':memory:'`. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  const db = new Database(file);
  try {
    return setUp(db, file, options);
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
      throw damaged(file, (error as Error).message, error);
    }
    throw error;
  }
}

function setUp(db: Database.Database, file: string, options: SqliteStoreOptions): SqliteStore {
  // Refuse a newer schema before changing anything in the file (journal mode included).
  assertKnownSchema(db);
  const synchronous = options.synchronous ?? 'FULL';
  // WAL keeps readers (the status port) off the printer's write path; synchronous=FULL makes an
  // acknowledged job survive a power cut, which print PCs in kecamatan offices do get.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A WAL keeps its largest size after a checkpoint unless told otherwise: on a nearly full disk
  // those megabytes are what the next job needs.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  // Freed pages and cells are zeroed, so an erased card or NIK is gone from the file, not just
  // unlinked (the WAL is truncated separately: see privacy-sweep.ts).
  db.pragma('secure_delete = ON');
  assertIntact(db, file);
  const key = personalKeyFor(db, file, options.secretFile);
  if (migrate(db, key)) db.pragma('wal_checkpoint(TRUNCATE)');
  const ledger = new SqliteLedgerStore(db);
  const jobs = new SqliteJobStore(db, ledger, key, options.retainPersonalDataMs ?? 0);
  return {
    jobs,
    ledger,
    beliefs: new SqliteBeliefStore(db),
    alerts: new SqliteAlertStore(db),
    stockChecks: new SqliteStockCheckStore(db),
    database: db,
  };
}

/**
 * The key the store's NIK hashes are made with. A store that recorded a secret's fingerprint
 * refuses to open without that very secret: a new one would make every printed-once lock
 * unmatchable, so a lost secret must stop the daemon, loudly, instead.
 */
function personalKeyFor(db: Database.Database, file: string, secretFile: string | undefined): PersonalKey {
  if (file === ':memory:' && secretFile === undefined) return new PersonalKey(randomBytes(SECRET_BYTES));
  const path = secretFile ?? secretFileOf(file);
  const recorded = recordedFingerprint(db);
  const secret = readInstallSecret(path);
  if (secret === undefined) {
    if (recorded === undefined) return new PersonalKey(createInstallSecret(path));
    throw new CetakError(
      'DATA_DIR_UNUSABLE',
      `the install secret ${path} is missing, and the job store ${file} was keyed with it (fingerprint ${recorded}); without it no printed NIK can be recognised, so Cetak will not start. Put back the office's copy of that file (see docs/privacy.md), or move the store away to start a new, empty one`,
    );
  }
  const key = new PersonalKey(secret);
  if (recorded !== undefined && recorded !== key.fingerprint) {
    throw new CetakError(
      'DATA_DIR_UNUSABLE',
      `the install secret ${path} (fingerprint ${key.fingerprint}) is not the one the job store ${file} was keyed with (fingerprint ${recorded}); put back the right secret (see docs/privacy.md)`,
    );
  }
  return key;
}

function recordedFingerprint(db: Database.Database): string | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'").get();
  if (!table) return undefined;
  const row = db.prepare("SELECT value FROM store_meta WHERE key = 'secret_fingerprint'").get() as
    | { value: string }
    | undefined;
  return row?.value;
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

/** What a WAL is cut back to after a checkpoint. */
const WAL_SIZE_LIMIT_BYTES = 512 * 1024;

/** Applies the migrations not yet applied (all or none); whether there were any. */
function migrate(db: Database.Database, key: PersonalKey): boolean {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied >= MIGRATIONS.length) return false;
  const pending = MIGRATIONS.slice(applied);
  db.transaction(() => {
    pending.forEach((migration, i) => {
      if (typeof migration === 'string') db.exec(migration);
      else migration.up(db, { key });
      db.pragma(`user_version = ${applied + i + 1}`);
    });
  })();
  // A store that had nothing in it yet has nothing to rebuild.
  const hadData = applied > 0;
  if (hadData && pending.some((migration) => typeof migration !== 'string' && migration.vacuumAfter)) {
    db.exec('VACUUM');
  }
  return true;
}
