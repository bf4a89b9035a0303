import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CetakError } from '../errors.js';
import { maskNik } from '../jobs/nik.js';
import { JobListing } from './job-listing.js';
import { toJob } from './job-rows.js';
import { type JobStatements, prepareJobStatements } from './job-statements.js';
import type {
  Job,
  JobFilter,
  JobPage,
  JobState,
  JobStore,
  JobTransition,
  NewJob,
  Outcome,
  Priority,
  QueueLength,
  ReprintAuthorisation,
  ReprintReason,
  StationDayCounts,
  SubmitResult,
} from './job-store.js';
import type { PersonalKey } from './personal-key.js';
import type { SqliteLedgerStore } from './sqlite-ledger-store.js';

/** The start of a job id as shown on the dashboard and by the CLI: 8 to 35 hex digits and dashes. */
const SHORT_ID = /^[0-9a-fA-F-]{8,35}$/;

const PRIORITY_RANK: Record<Priority, number> = { 'walk-in': 0, backlog: 1 };

interface QueuedRow {
  id: string;
  priority: Priority;
}

/** Jobs on SQLite. Every transition is one transaction with its journal row (and ledger rows). */
export class SqliteJobStore implements JobStore {
  readonly #db: Database.Database;
  readonly #ledger: SqliteLedgerStore;
  readonly #sql: JobStatements;
  readonly #listing: JobListing;
  readonly #key: PersonalKey;
  /** 0: card data is erased when a job ends; more: it is kept this long, then swept. */
  readonly #retainMs: number;
  readonly #nextQueuedByArity = new Map<number, Database.Statement<string[], QueuedRow>>();
  /**
   * Runs its argument in one IMMEDIATE transaction. One wrapper made here, not one per call:
   * better-sqlite3's `transaction()` builds four functions each time, and a simulated fleet day
   * makes ~20 000 transactions.
   */
  readonly #immediate: <T>(body: () => T) => T;

  /**
   * @param key the install's keyed hash: NIKs and request ids are stored and looked up as hashes
   * @param retainMs how long an ended job keeps its card data (0: not at all)
   */
  constructor(db: Database.Database, ledger: SqliteLedgerStore, key: PersonalKey, retainMs = 0) {
    this.#db = db;
    this.#key = key;
    this.#retainMs = retainMs;
    const inTransaction = db.transaction((body: () => unknown) => body());
    this.#immediate = <T>(body: () => T) => inTransaction.immediate(body) as T;
    this.#ledger = ledger;
    this.#sql = prepareJobStatements(db);
    this.#listing = new JobListing(db);
  }

  submit(job: NewJob, now: number): SubmitResult {
    return this.#immediate(() => this.#submitOne(job, now));
  }

  submitMany(jobs: readonly NewJob[], now: number): SubmitResult[] {
    return this.#immediate(() => jobs.map((job) => this.#submitOne(job, now)));
  }

  promote(nik: string, now: number): Job {
    const id = this.#immediate(() => {
      const job = this.#sql.activeByNik.get(this.#key.nik(nik));
      if (!job) throw new CetakError('JOB_NOT_FOUND', `no queued job for NIK ${maskNik(nik)}`);
      if (job.state !== 'queued') {
        throw new CetakError(
          'JOB_STATE',
          `the job for NIK ${maskNik(nik)} is ${job.state}, so there is nothing to promote`,
        );
      }
      if (job.priority === 'walk-in') return job.id;
      this.#sql.toWalkIn.run({ id: job.id, now });
      this.#sql.event.run(job.id, now, 'queued', 'queued', null, 'promoted to walk-in');
      return job.id;
    });
    return this.#mustGet(id);
  }

  listJobs(filter: JobFilter): JobPage {
    return this.#listing.list(filter);
  }

  findByNik(nik: string): Job[] {
    return this.#sql.byNik.all(this.#key.nik(nik)).map(toJob);
  }

  erasePersonalData(now: number): number {
    return this.#sql.erasePersonalData.run(now - this.#retainMs).changes;
  }

  getJob(id: string): Job | undefined {
    const row = this.#sql.get.get(id);
    return row && toJob(row);
  }

  resolveJobId(id: string): string {
    const shown = `"${id.slice(0, 64)}"`;
    if (this.#sql.get.get(id)) return id;
    if (!SHORT_ID.test(id)) throw new CetakError('JOB_NOT_FOUND', `no job with id ${shown}`);
    const prefix = id.toLowerCase();
    // The smallest string above every id that starts with `prefix`: its last character plus one.
    const end = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
    const matches = this.#sql.idsStartingWith.all(prefix, end);
    const [only] = matches;
    if (!only) throw new CetakError('JOB_NOT_FOUND', `no job with an id starting ${shown}`);
    if (matches.length > 1) {
      throw new CetakError(
        'JOB_ID_AMBIGUOUS',
        `more than one job has an id starting ${shown}; give more of the id`,
      );
    }
    return only.id;
  }

  journal(id: string): JobTransition[] {
    return this.#sql.journal.all(id).map((row) => ({
      jobId: row.job_id,
      at: row.at,
      from: row.from_state,
      to: row.to_state,
      stationId: row.station_id,
      detail: row.detail,
    }));
  }

  queuedWalkIns(kecamatanIds: readonly string[]): Array<{ id: string; kecamatan: string }> {
    // Walk-ins are few (a handful at a time): filter here rather than prepare per list length.
    return this.#sql.queuedWalkIns.all().filter((row) => kecamatanIds.includes(row.kecamatan));
  }

  nextPriority(kecamatanIds: readonly string[]): Priority | undefined {
    return kecamatanIds.length > 0
      ? this.#nextQueued(kecamatanIds).get(...kecamatanIds)?.priority
      : undefined;
  }

  claimNext(stationId: string, kecamatanIds: readonly string[], now: number): Job | undefined {
    if (kecamatanIds.length === 0) return undefined;
    const next = this.#nextQueued(kecamatanIds);
    const claimedId = this.#immediate(() => {
      const row = next.get(...kecamatanIds);
      if (!row) return undefined;
      this.#sql.toPrinting.run({ id: row.id, stationId, now });
      this.#sql.event.run(row.id, now, 'queued', 'printing', stationId, null);
      return row.id;
    });
    return claimedId === undefined ? undefined : this.#mustGet(claimedId);
  }

  requeue(id: string, now: number, detail: string): Job {
    return this.#transition(id, 'printing', 'queued', detail, now, (job) =>
      this.#sql.toQueued.run(now, job.id),
    );
  }

  markUncertain(id: string, now: number, detail: string): Job {
    return this.#transition(id, 'printing', 'uncertain', detail, now, (job) =>
      this.#sql.toUncertain.run(now, job.id),
    );
  }

  markInterrupted(now: number): number {
    return this.#db.transaction(() => {
      const rows = this.#sql.printingIds.all();
      for (const row of rows) this.markUncertain(row.id, now, 'daemon stopped mid-card');
      return rows.length;
    })();
  }

  finishJob(id: string, outcome: Outcome, now: number, day: string, detail?: string): Job {
    const reason = outcome.state === 'spoiled' ? outcome.reason : undefined;
    const note = [reason, detail].filter((part) => part !== undefined && part !== '').join(': ');
    return this.#finish(id, 'printing', outcome, now, day, note === '' ? null : note);
  }

  resolve(id: string, outcome: Outcome, now: number, day: string, detail?: string): Job {
    const note = detail ?? (outcome.state === 'spoiled' ? outcome.reason : 'operator confirmed the card');
    return this.#finish(id, 'uncertain', outcome, now, day, `resolved by operator: ${note}`);
  }

  cancel(id: string, now: number, detail?: string): Job {
    return this.#transition(id, 'queued', 'cancelled', detail ?? 'cancelled by operator', now, (job) =>
      this.#sql.toCancelled.run({ now, id: job.id, erase: this.#eraseAtEnd }),
    );
  }

  authoriseReprint(nik: string, reason: ReprintReason, now: number): ReprintAuthorisation {
    const nikHash = this.#key.nik(nik);
    return this.#immediate(() => {
      if (!this.#sql.lockOf.get(nikHash)) {
        throw new CetakError('NOT_PRINTED', `no printed card for NIK ${maskNik(nik)}; nothing to reprint`);
      }
      // One open authorisation is enough; asking twice is not two more cards.
      if (!this.#sql.openReprint.get(nikHash)) this.#sql.addReprint.run(nikHash, reason, now);
      return { nik, reason, at: now };
    });
  }

  dayCounts(day: string): Map<string, StationDayCounts> {
    const counts = new Map<string, { printed: number; spoiled: number }>();
    for (const row of this.#sql.dayCounts.all(day)) {
      const entry = counts.get(row.station_id) ?? { printed: 0, spoiled: 0 };
      if (row.state === 'printed') entry.printed = row.n;
      else entry.spoiled = row.n;
      counts.set(row.station_id, entry);
    }
    return counts;
  }

  unresolvedByStation(): Map<string, number> {
    return new Map(this.#sql.unresolved.all().map((row) => [row.station_id ?? '', row.n]));
  }

  queueLengths(): QueueLength[] {
    return this.#sql.queueLengths.all().map((row) => ({
      kecamatan: row.kecamatan,
      priority: row.priority,
      count: row.n,
      oldestCreatedAt: row.oldest,
    }));
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #submitOne(job: NewJob, now: number): SubmitResult {
    const nikHash = this.#key.nik(job.nik);
    const requestHash = job.requestId === undefined ? null : this.#key.requestId(job.requestId);
    if (requestHash !== null) {
      const earlier = this.#sql.byRequestId.get(requestHash);
      if (earlier) {
        return earlier.nik_hash === nikHash
          ? { outcome: 'repeat', job: toJob(earlier) }
          : { outcome: 'request-conflict' };
      }
    }
    const active = this.#sql.activeByNik.get(nikHash);
    if (active) return { outcome: 'duplicate', job: toJob(active) };
    const lock = this.#sql.lockOf.get(nikHash);
    const reprint = lock ? this.#sql.openReprint.get(nikHash) : undefined;
    if (lock && !reprint) return { outcome: 'locked', printedJobId: lock.job_id };

    const id = randomUUID();
    this.#sql.insert.run({
      id,
      nikHash,
      nikRegion: job.nik.slice(0, 6),
      kecamatan: job.kecamatan,
      priority: job.priority,
      rank: PRIORITY_RANK[job.priority],
      requestId: requestHash,
      card: JSON.stringify(job.card),
      now,
    });
    if (reprint) this.#sql.useReprint.run(id, reprint.seq);
    this.#sql.event.run(id, now, null, 'queued', null, reprint ? 'reprint' : null);
    return { outcome: 'created', job: this.#mustGet(id) };
  }

  /** printing|uncertain → printed|spoiled, with the blank booked and, for a good card, the NIK locked. */
  #finish(
    id: string,
    from: JobState,
    outcome: Outcome,
    now: number,
    day: string,
    detail: string | null,
  ): Job {
    const reason = outcome.state === 'spoiled' ? outcome.reason : null;
    return this.#transition(id, from, outcome.state, detail, now, (job) => {
      const changes = this.#sql.finish.run({
        id,
        from,
        state: outcome.state,
        chipUid: outcome.chipUid ?? null,
        reason,
        now,
        day,
        erase: this.#eraseAtEnd,
      });
      if (changes.changes === 1 && job.station_id) {
        this.#ledger.recordCardUse(
          {
            stationId: job.station_id,
            kind: outcome.state === 'printed' ? 'good' : 'spoiled',
            reason: reason ?? undefined,
            jobId: id,
            nikHash: job.nik_hash,
            chipUid: outcome.chipUid,
          },
          now,
          day,
        );
      }
      if (changes.changes === 1 && outcome.state === 'printed') this.#sql.lock.run(job.nik_hash, id, now);
      return changes;
    });
  }

  /** One state change and its journal row, in one transaction; `JOB_STATE` if the job is elsewhere. */
  #transition(
    id: string,
    from: JobState,
    to: JobState,
    detail: string | null,
    now: number,
    apply: (job: { id: string; nik_hash: string; station_id: string | null }) => { changes: number },
  ): Job {
    this.#immediate(() => {
      const job = this.#sql.get.get(id);
      if (!job) throw new CetakError('JOB_NOT_FOUND', `no job with id "${id.slice(0, 64)}"`);
      if (job.state !== from || apply(job).changes !== 1) {
        throw new CetakError(
          'JOB_STATE',
          `job ${id} is ${job.state}, not ${from}, so it cannot become ${to}`,
        );
      }
      this.#sql.event.run(id, now, from, to, job.station_id, detail);
    });
    return this.#mustGet(id);
  }

  /** The "next queued job" query for a station's kecamatan list; one prepared statement per list length. */
  #nextQueued(kecamatanIds: readonly string[]): Database.Statement<string[], QueuedRow> {
    let statement = this.#nextQueuedByArity.get(kecamatanIds.length);
    if (!statement) {
      const placeholders = kecamatanIds.map(() => '?').join(', ');
      statement = this.#db.prepare<string[], QueuedRow>(
        `SELECT id, priority FROM jobs WHERE state = 'queued' AND kecamatan IN (${placeholders})
         ORDER BY priority_rank, seq LIMIT 1`,
      );
      this.#nextQueuedByArity.set(kecamatanIds.length, statement);
    }
    return statement;
  }

  /** 1 when an ended job's card data goes at once (a SQLite parameter, hence not a boolean). */
  get #eraseAtEnd(): number {
    return this.#retainMs === 0 ? 1 : 0;
  }

  #mustGet(id: string): Job {
    const job = this.getJob(id);
    if (!job) throw new CetakError('JOB_NOT_FOUND', `job ${id} not found`);
    return job;
  }
}
