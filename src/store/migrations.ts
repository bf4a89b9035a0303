/**
 * Schema migrations, applied in order; the database's `user_version` records how many ran.
 * Never edit a shipped migration: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
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
];
