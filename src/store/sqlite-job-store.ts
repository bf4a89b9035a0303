import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { CetakError } from '../errors.js';
import type {
  CardData,
  Job,
  JobState,
  JobStore,
  JobTransition,
  NewJob,
  Outcome,
  Priority,
  QueueLength,
  StationDayCounts,
} from './job-store.js';
import { MIGRATIONS } from './migrations.js';

interface JobRow {
  id: string;
  nik: string;
  kecamatan: string;
  priority: Priority;
  state: JobState;
  request_id: string | null;
  card_json: string | null;
  station_id: string | null;
  chip_uid: string | null;
  spoil_reason: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
}

const PRIORITY_RANK: Record<Priority, number> = { 'walk-in': 0, backlog: 1 };

/** Opens (creating if needed) the job database at `file`, or in memory for `':memory:'`. */
export function openSqliteJobStore(file: string): JobStore {
  const db = new Database(file);
  try {
    // Refuse a newer schema before changing anything in the file (journal mode included).
    assertKnownSchema(db);
    // WAL keeps readers (the status port) off the printer's write path; synchronous=FULL makes an
    // acknowledged job survive a power cut, which print PCs in kecamatan offices do get.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return new SqliteJobStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
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

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    MIGRATIONS.slice(applied).forEach((sql, i) => {
      db.exec(sql);
      db.pragma(`user_version = ${applied + i + 1}`);
    });
  })();
}

class SqliteJobStore implements JobStore {
  readonly #db: Database.Database;
  readonly #statements;
  readonly #nextQueuedByArity = new Map<number, Database.Statement<string[], { id: string }>>();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#statements = {
      insert: db.prepare(
        `INSERT INTO jobs (id, nik, kecamatan, priority, priority_rank, state, request_id, card_json,
                           created_at, updated_at)
         VALUES (@id, @nik, @kecamatan, @priority, @rank, 'queued', @requestId, @card, @now, @now)`,
      ),
      get: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?'),
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
      finish: db.prepare(
        `UPDATE jobs SET state = @state, chip_uid = @chipUid, spoil_reason = @reason, finished_at = @now,
                         finished_day = @day, updated_at = @now,
                         card_json = CASE WHEN @state = 'printed' THEN NULL ELSE card_json END
         WHERE id = @id AND state = 'printing'`,
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
      queueLengths: db.prepare<[], { kecamatan: string; priority: Priority; n: number }>(
        "SELECT kecamatan, priority, COUNT(*) AS n FROM jobs WHERE state = 'queued' GROUP BY kecamatan, priority",
      ),
    };
  }

  addJob(job: NewJob, now: number): Job {
    const id = randomUUID();
    this.#db.transaction(() => {
      this.#statements.insert.run({
        id,
        nik: job.nik,
        kecamatan: job.kecamatan,
        priority: job.priority,
        rank: PRIORITY_RANK[job.priority],
        requestId: job.requestId ?? null,
        card: JSON.stringify(job.card),
        now,
      });
      this.#statements.event.run(id, now, null, 'queued', null, null);
    })();
    return this.#mustGet(id);
  }

  getJob(id: string): Job | undefined {
    const row = this.#statements.get.get(id);
    return row && toJob(row);
  }

  journal(id: string): JobTransition[] {
    return this.#statements.journal.all(id).map((row) => ({
      jobId: row.job_id,
      at: row.at,
      from: row.from_state,
      to: row.to_state,
      stationId: row.station_id,
      detail: row.detail,
    }));
  }

  hasQueued(kecamatanIds: readonly string[]): boolean {
    return kecamatanIds.length > 0 && this.#nextQueued(kecamatanIds).get(...kecamatanIds) !== undefined;
  }

  claimNext(stationId: string, kecamatanIds: readonly string[], now: number): Job | undefined {
    if (kecamatanIds.length === 0) return undefined;
    const next = this.#nextQueued(kecamatanIds);
    const claimedId = this.#db
      .transaction(() => {
        const row = next.get(...kecamatanIds);
        if (!row) return undefined;
        this.#statements.toPrinting.run({ id: row.id, stationId, now });
        this.#statements.event.run(row.id, now, 'queued', 'printing', stationId, null);
        return row.id;
      })
      .immediate();
    return claimedId === undefined ? undefined : this.#mustGet(claimedId);
  }

  requeue(id: string, now: number, detail: string): Job {
    this.#db.transaction(() => {
      const job = this.#statements.get.get(id);
      if (!job || this.#statements.toQueued.run(now, id).changes !== 1) {
        throw new CetakError('JOB_NOT_FOUND', `job ${id} is not printing, so it cannot go back to the queue`);
      }
      this.#statements.event.run(id, now, 'printing', 'queued', job.station_id, detail);
    })();
    return this.#mustGet(id);
  }

  markUncertain(id: string, now: number, detail: string): Job {
    this.#db.transaction(() => this.#toUncertain(id, now, detail))();
    return this.#mustGet(id);
  }

  finishJob(id: string, outcome: Outcome, now: number, day: string): Job {
    const reason = outcome.state === 'spoiled' ? outcome.reason : null;
    this.#db.transaction(() => {
      const job = this.#statements.get.get(id);
      const changed = this.#statements.finish.run({
        id,
        state: outcome.state,
        chipUid: outcome.chipUid ?? null,
        reason,
        now,
        day,
      }).changes;
      if (changed !== 1 || !job) {
        throw new CetakError('JOB_NOT_FOUND', `job ${id} is not printing, so its outcome cannot be recorded`);
      }
      this.#statements.event.run(id, now, 'printing', outcome.state, job.station_id, reason);
    })();
    return this.#mustGet(id);
  }

  markInterrupted(now: number): number {
    return this.#db.transaction(() => {
      const rows = this.#statements.printingIds.all();
      for (const row of rows) this.#toUncertain(row.id, now, 'daemon stopped mid-card');
      return rows.length;
    })();
  }

  dayCounts(day: string): Map<string, StationDayCounts> {
    const counts = new Map<string, { printed: number; spoiled: number }>();
    for (const row of this.#statements.dayCounts.all(day)) {
      const entry = counts.get(row.station_id) ?? { printed: 0, spoiled: 0 };
      if (row.state === 'printed') entry.printed = row.n;
      else entry.spoiled = row.n;
      counts.set(row.station_id, entry);
    }
    return counts;
  }

  queueLengths(): QueueLength[] {
    return this.#statements.queueLengths.all().map((row) => ({
      kecamatan: row.kecamatan,
      priority: row.priority,
      count: row.n,
    }));
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #toUncertain(id: string, now: number, detail: string): void {
    const job = this.#statements.get.get(id);
    if (!job || this.#statements.toUncertain.run(now, id).changes !== 1) {
      throw new CetakError('JOB_NOT_FOUND', `job ${id} is not printing, so it cannot become uncertain`);
    }
    this.#statements.event.run(id, now, 'printing', 'uncertain', job.station_id, detail);
  }

  /** The "next queued job" query for a station's kecamatan list; one prepared statement per list length. */
  #nextQueued(kecamatanIds: readonly string[]): Database.Statement<string[], { id: string }> {
    let statement = this.#nextQueuedByArity.get(kecamatanIds.length);
    if (!statement) {
      const placeholders = kecamatanIds.map(() => '?').join(', ');
      statement = this.#db.prepare<string[], { id: string }>(
        `SELECT id FROM jobs WHERE state = 'queued' AND kecamatan IN (${placeholders})
         ORDER BY priority_rank, seq LIMIT 1`,
      );
      this.#nextQueuedByArity.set(kecamatanIds.length, statement);
    }
    return statement;
  }

  #mustGet(id: string): Job {
    const job = this.getJob(id);
    if (!job) throw new CetakError('JOB_NOT_FOUND', `job ${id} not found`);
    return job;
  }
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    nik: row.nik,
    kecamatan: row.kecamatan,
    priority: row.priority,
    state: row.state,
    requestId: row.request_id,
    card: row.card_json === null ? null : (JSON.parse(row.card_json) as CardData),
    stationId: row.station_id,
    chipUid: row.chip_uid,
    spoilReason: row.spoil_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
