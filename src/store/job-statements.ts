import type Database from 'better-sqlite3';
import type { JobRow } from './job-rows.js';
import type { JobState, Priority } from './job-store.js';

/** Every statement the job store runs, prepared once. */
export function prepareJobStatements(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT INTO jobs (id, nik_hash, nik_region, kecamatan, priority, priority_rank, state, request_id,
                         card_json, created_at, updated_at)
       VALUES (@id, @nikHash, @nikRegion, @kecamatan, @priority, @rank, 'queued', @requestId, @card,
               @now, @now)`,
    ),
    get: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?'),
    // Ids are lower-case hex UUIDs, so a range scan on the unique index finds every id with a prefix.
    idsStartingWith: db.prepare<[string, string], { id: string }>(
      'SELECT id FROM jobs WHERE id >= ? AND id < ? ORDER BY id LIMIT 2',
    ),
    byRequestId: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE request_id = ?'),
    activeByNik: db.prepare<[string], JobRow>(
      "SELECT * FROM jobs WHERE nik_hash = ? AND state IN ('queued', 'printing', 'uncertain')",
    ),
    lockOf: db.prepare<[string], { job_id: string }>('SELECT job_id FROM nik_locks WHERE nik_hash = ?'),
    lock: db.prepare(
      `INSERT INTO nik_locks (nik_hash, job_id, locked_at) VALUES (?, ?, ?)
       ON CONFLICT (nik_hash) DO UPDATE SET job_id = excluded.job_id, locked_at = excluded.locked_at`,
    ),
    openReprint: db.prepare<[string], { seq: number }>(
      'SELECT seq FROM reprints WHERE nik_hash = ? AND used_by IS NULL ORDER BY seq LIMIT 1',
    ),
    useReprint: db.prepare('UPDATE reprints SET used_by = ? WHERE seq = ?'),
    addReprint: db.prepare('INSERT INTO reprints (nik_hash, reason, at) VALUES (?, ?, ?)'),
    byNik: db.prepare<[string], JobRow>(
      `SELECT seq, id, nik_hash, nik_region, kecamatan, priority, state, request_id, NULL AS card_json,
              station_id, chip_uid, spoil_reason, created_at, updated_at, started_at, finished_at
       FROM jobs WHERE nik_hash = ? ORDER BY seq DESC`,
    ),
    // Ended jobs whose card data was kept on purpose (privacy.retainPersonalData) and is now due.
    erasePersonalData: db.prepare(
      `UPDATE jobs SET card_json = NULL
       WHERE card_json IS NOT NULL AND state IN ('printed', 'spoiled', 'cancelled') AND updated_at <= ?`,
    ),
    journal: db.prepare<
      [string],
      {
        job_id: string;
        at: number;
        from_state: JobState | null;
        to_state: JobState;
        station_id: string | null;
        detail: string | null;
      }
    >(
      'SELECT job_id, at, from_state, to_state, station_id, detail FROM job_events WHERE job_id = ? ORDER BY seq',
    ),
    event: db.prepare(
      `INSERT INTO job_events (job_id, at, from_state, to_state, station_id, detail)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    toPrinting: db.prepare(
      `UPDATE jobs SET state = 'printing', station_id = @stationId, started_at = @now, updated_at = @now
       WHERE id = @id AND state = 'queued'`,
    ),
    // Card data is personal: it goes once the card exists (or never will), unless the office keeps
    // it a while on purpose (`@erase` is 0 then, and the sweep erases it later).
    finish: db.prepare(
      `UPDATE jobs SET state = @state, chip_uid = @chipUid, spoil_reason = @reason, finished_at = @now,
                       finished_day = @day, updated_at = @now,
                       card_json = CASE WHEN @erase = 1 THEN NULL ELSE card_json END
       WHERE id = @id AND state = @from`,
    ),
    // A promoted job is renumbered to the end of the sequence: among walk-ins it waits behind those
    // who came to the counter before it, while its journal (keyed by id) stays whole.
    toWalkIn: db.prepare(
      `UPDATE jobs SET priority = 'walk-in', priority_rank = 0, updated_at = @now,
                       seq = (SELECT MAX(seq) + 1 FROM jobs)
       WHERE id = @id AND state = 'queued' AND priority = 'backlog'`,
    ),
    toCancelled: db.prepare(
      `UPDATE jobs SET state = 'cancelled', updated_at = @now,
                       card_json = CASE WHEN @erase = 1 THEN NULL ELSE card_json END
       WHERE id = @id AND state = 'queued'`,
    ),
    printingIds: db.prepare<[], { id: string; station_id: string | null }>(
      "SELECT id, station_id FROM jobs WHERE state = 'printing'",
    ),
    toQueued: db.prepare(
      "UPDATE jobs SET state = 'queued', station_id = NULL, started_at = NULL, updated_at = ? WHERE id = ? AND state = 'printing'",
    ),
    toUncertain: db.prepare(
      "UPDATE jobs SET state = 'uncertain', updated_at = ? WHERE id = ? AND state = 'printing'",
    ),
    dayCounts: db.prepare<[string], { station_id: string; state: JobState; n: number }>(
      `SELECT station_id, state, COUNT(*) AS n FROM jobs
       WHERE finished_day = ? AND state IN ('printed', 'spoiled') GROUP BY station_id, state`,
    ),
    unresolved: db.prepare<[], { station_id: string | null; n: number }>(
      "SELECT station_id, COUNT(*) AS n FROM jobs WHERE state = 'uncertain' GROUP BY station_id",
    ),
    queuedWalkIns: db.prepare<[], { id: string; kecamatan: string }>(
      "SELECT id, kecamatan FROM jobs WHERE state = 'queued' AND priority = 'walk-in' ORDER BY seq",
    ),
    queueLengths: db.prepare<[], { kecamatan: string; priority: Priority; n: number; oldest: number }>(
      `SELECT kecamatan, priority, COUNT(*) AS n, MIN(created_at) AS oldest
       FROM jobs WHERE state = 'queued' GROUP BY kecamatan, priority`,
    ),
  };
}

export type JobStatements = ReturnType<typeof prepareJobStatements>;
