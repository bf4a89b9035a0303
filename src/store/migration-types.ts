import type Database from 'better-sqlite3';
import type { PersonalKey } from './personal-key.js';

/** What a program migration may use besides the database. */
export interface MigrationContext {
  /** The install's keyed hash, for migrations that turn personal identifiers into hashes. */
  readonly key: PersonalKey;
}

/** A migration that SQL alone cannot express (it needs the install's secret, say). */
export interface ProgramMigration {
  /** Runs inside the migrations' transaction, like a SQL migration. */
  readonly up: (db: Database.Database, context: MigrationContext) => void;
  /**
   * The migration erased data that freed pages may still hold: the file is rebuilt (VACUUM) once
   * the transaction commits, since VACUUM cannot run inside one.
   */
  readonly vacuumAfter?: boolean;
}
