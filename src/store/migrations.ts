import type { ProgramMigration } from './migration-types.js';
import { privacyMigration } from './privacy-migration.js';

export type { MigrationContext, ProgramMigration } from './migration-types.js';

export type Migration = string | ProgramMigration;

/**
 * Schema migrations, applied in order; the database's `user_version` records how many ran.
 * Never edit a shipped migration: add a new one.
 */
export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE jobs (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    nik           TEXT NOT NULL,
    kecamatan     TEXT NOT NULL,
    priority      TEXT NOT NULL CHECK (priority IN ('walk-in', 'backlog')),
    priority_rank INTEGER NOT NULL,
    state         TEXT NOT NULL
                  CHECK (state IN ('queued', 'printing', 'printed', 'spoiled', 'uncertain', 'cancelled')),
    request_id    TEXT,
    card_json     TEXT,
    station_id    TEXT,
    chip_uid      TEXT,
    spoil_reason  TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    started_at    INTEGER,
    finished_at   INTEGER,
    finished_day  TEXT
  );
  CREATE INDEX jobs_queue ON jobs (state, kecamatan, priority_rank, seq);
  CREATE INDEX jobs_finished_day ON jobs (finished_day, station_id);

  CREATE TABLE job_events (
    seq        INTEGER PRIMARY KEY,
    job_id     TEXT NOT NULL REFERENCES jobs (id),
    at         INTEGER NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    station_id TEXT,
    detail     TEXT
  );
  CREATE INDEX job_events_job ON job_events (job_id, seq);

  -- The journal is evidence: append-only, enforced by the database itself.
  CREATE TRIGGER job_events_no_update BEFORE UPDATE ON job_events
    BEGIN SELECT RAISE(ABORT, 'job_events is append-only'); END;
  CREATE TRIGGER job_events_no_delete BEFORE DELETE ON job_events
    BEGIN SELECT RAISE(ABORT, 'job_events is append-only'); END;
  `,
  `
  -- Exactly one active job per NIK, and one job per requestId, enforced by the database too.
  CREATE UNIQUE INDEX jobs_active_nik ON jobs (nik) WHERE state IN ('queued', 'printing', 'uncertain');
  CREATE UNIQUE INDEX jobs_request_id ON jobs (request_id) WHERE request_id IS NOT NULL;

  -- A printed NIK is locked until a reprint is authorised.
  CREATE TABLE nik_locks (
    nik       TEXT PRIMARY KEY,
    job_id    TEXT NOT NULL REFERENCES jobs (id),
    locked_at INTEGER NOT NULL
  );

  CREATE TABLE reprints (
    seq     INTEGER PRIMARY KEY,
    nik     TEXT NOT NULL,
    reason  TEXT NOT NULL CHECK (reason IN ('spoiled', 'lost', 'damaged', 'data-corrected')),
    at      INTEGER NOT NULL,
    used_by TEXT REFERENCES jobs (id)
  );
  CREATE INDEX reprints_open ON reprints (nik) WHERE used_by IS NULL;

  -- Accountable stock per station: every blank loaded, and every blank used (good or spoiled).
  CREATE TABLE ledger (
    seq        INTEGER PRIMARY KEY,
    station_id TEXT NOT NULL,
    at         INTEGER NOT NULL,
    day        TEXT NOT NULL,
    item       TEXT NOT NULL CHECK (item IN ('blanks', 'ribbon', 'film')),
    kind       TEXT NOT NULL CHECK (kind IN ('loaded', 'good', 'spoiled')),
    count      INTEGER NOT NULL CHECK (count > 0),
    batch      TEXT,
    reason     TEXT,
    job_id     TEXT,
    nik        TEXT,
    chip_uid   TEXT
  );
  CREATE INDEX ledger_station ON ledger (station_id, item, kind);
  CREATE INDEX ledger_day ON ledger (day, station_id);
  CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
    BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
  CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
  `,
  `
  -- What Cetak has learnt of each printer's thermal figures, by the printer's serial (Rsn), so
  -- that learning survives restarts and follows a printer from one station to another.
  CREATE TABLE printer_beliefs (
    serial      TEXT PRIMARY KEY,
    belief_json TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  `,
  privacyMigration,
  `
  -- Alerts are records: one row per condition (code + station, '' for the fleet), updated while it
  -- holds, cleared when it ends, acknowledged by a named operator. At most one active per key.
  CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL,
    station_id      TEXT NOT NULL DEFAULT '',
    level           TEXT NOT NULL CHECK (level IN ('info', 'warning', 'critical')),
    message         TEXT NOT NULL,
    detail_json     TEXT,
    raised_at       INTEGER NOT NULL,
    last_seen       INTEGER NOT NULL,
    cleared_at      INTEGER,
    acknowledged_by TEXT,
    acknowledged_at INTEGER
  );
  CREATE UNIQUE INDEX alerts_active ON alerts (code, station_id) WHERE cleared_at IS NULL;
  CREATE INDEX alerts_recent ON alerts (raised_at);

  -- Blank-card counts by operators at the printer, with what the books said then.
  CREATE TABLE stock_counts (
    seq         INTEGER PRIMARY KEY,
    station_id  TEXT NOT NULL,
    at          INTEGER NOT NULL,
    counted     INTEGER NOT NULL CHECK (counted >= 0),
    counted_by  TEXT NOT NULL,
    books       INTEGER NOT NULL
  );
  CREATE INDEX stock_counts_station ON stock_counts (station_id, seq);

  -- Where the ledger and the printer's own card counter (Rco;c) last agreed, per station.
  CREATE TABLE stock_baselines (
    station_id     TEXT PRIMARY KEY,
    printer_serial TEXT NOT NULL,
    printer_cards  INTEGER NOT NULL,
    ledger_seq     INTEGER NOT NULL,
    at             INTEGER NOT NULL
  );
  `,
];
