import type Database from 'better-sqlite3';
import type { MigrationContext, ProgramMigration } from './migration-types.js';

/**
 * Personal data lives only as long as a job needs it (docs/privacy.md). A store written before
 * this kept every NIK in plain text (jobs, the printed-once locks, reprints, the ledger) and the
 * card data of spoiled jobs; this migration turns each NIK and request id into its keyed hash,
 * erases the card data of ended jobs, records which secret the store is keyed with, and has the
 * file rebuilt afterwards so the freed pages holding the old text are gone too.
 */
export const privacyMigration: ProgramMigration = {
  vacuumAfter: true,
  up(db: Database.Database, { key }: MigrationContext): void {
    db.function('cetak_nik_hash', { deterministic: true }, (nik: unknown) =>
      typeof nik === 'string' ? key.nik(nik) : nik,
    );
    db.function('cetak_request_hash', { deterministic: true }, (id: unknown) =>
      typeof id === 'string' ? key.requestId(id) : id,
    );
    db.exec(`
      -- Which secret the hashes are keyed with (its fingerprint, not the secret).
      CREATE TABLE store_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- The masked NIK operators see (region code, the rest starred) outlives the NIK itself.
      ALTER TABLE jobs ADD COLUMN nik_region TEXT NOT NULL DEFAULT '';
      UPDATE jobs SET nik_region = substr(nik, 1, 6);
      ALTER TABLE jobs RENAME COLUMN nik TO nik_hash;
      UPDATE jobs SET nik_hash = cetak_nik_hash(nik_hash),
                      request_id = cetak_request_hash(request_id),
                      card_json = CASE WHEN state IN ('printed', 'spoiled', 'cancelled') THEN NULL
                                       ELSE card_json END;
      -- Every job of one resident, ended ones included (cetak jobs --nik).
      CREATE INDEX jobs_nik_hash ON jobs (nik_hash);
      -- Ended jobs still holding card data (kept on purpose for a while): what the sweep erases.
      CREATE INDEX jobs_personal_data ON jobs (updated_at)
        WHERE card_json IS NOT NULL AND state IN ('printed', 'spoiled', 'cancelled');

      ALTER TABLE nik_locks RENAME COLUMN nik TO nik_hash;
      UPDATE nik_locks SET nik_hash = cetak_nik_hash(nik_hash);
      ALTER TABLE reprints RENAME COLUMN nik TO nik_hash;
      UPDATE reprints SET nik_hash = cetak_nik_hash(nik_hash);

      -- The ledger is append-only, but its NIKs must become hashes like every other: the guard is
      -- lifted for this one rewrite, in this one transaction, and put back as it was.
      DROP TRIGGER ledger_no_update;
      ALTER TABLE ledger RENAME COLUMN nik TO nik_hash;
      UPDATE ledger SET nik_hash = cetak_nik_hash(nik_hash) WHERE nik_hash IS NOT NULL;
      CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
        BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
    `);
    db.prepare("INSERT INTO store_meta (key, value) VALUES ('secret_fingerprint', ?)").run(key.fingerprint);
  },
};
