import PQueue from 'p-queue';
import { PERSONAL_FIELDS } from '../jobs/job-input.js';
import { maskNik } from '../jobs/nik.js';
import { contentRequestId } from './request-id.js';
import type { SourceRow } from './source-row.js';

/** One job of a `POST /api/jobs/batch` body: the row's line number and its fields. */
export type BatchJob = { readonly line: number } & Readonly<Record<string, unknown>>;

export type BatchOutcome = 'accepted' | 'duplicate' | 'rejected';

/** The daemon's answer for one job of a batch. */
export interface BatchResult {
  readonly line?: number;
  readonly outcome: BatchOutcome;
  readonly problems?: readonly string[];
}

/** Running totals; the importer updates them in place, so a progress display can read them. */
export interface ImportCounts {
  /** Rows read from the file (blank lines not counted). */
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** A row worth telling the operator about: rejected, or a duplicate the daemon said more about. */
export interface ReportedRow {
  readonly line: number;
  readonly outcome: 'rejected' | 'duplicate';
  /** `field: reason` lines; never the row's content. */
  readonly problems: readonly string[];
}

export interface ImportOptions {
  readonly rows: AsyncIterable<SourceRow>;
  /** Sends one batch; resolves with one result per job, in order. Throwing stops the import. */
  readonly send: (jobs: readonly BatchJob[]) => Promise<readonly BatchResult[]>;
  /**
   * Called in line order for every rejected row, and for every duplicate that comes with problems
   * (a NIK whose card was already printed).
   */
  readonly onReported: (row: ReportedRow) => void;
  /** Rows per batch (default 500; the daemon takes at most 1000). */
  readonly batchSize?: number;
  /** A batch is sent early once its JSON would pass this many bytes (default 512 KiB). */
  readonly maxBatchBytes?: number;
  /** Batches in flight at most (default 3). */
  readonly concurrency?: number;
  readonly counts?: ImportCounts;
}

export interface ImportSummary extends ImportCounts {
  /** Set when a batch could not be sent and the import stopped: rows from `line` on may be missing. */
  readonly stopped?: { readonly line: number; readonly error: unknown };
}

interface Batch {
  readonly seq: number;
  readonly jobs: BatchJob[];
  /** Rows rejected before sending (unreadable), kept here so they are reported in line order. */
  readonly local: ReportedRow[];
  bytes: number;
}

export function emptyCounts(): ImportCounts {
  return { read: 0, accepted: 0, duplicates: 0, rejected: 0 };
}

/**
 * Sends rows to the daemon in batches, a few at a time, each row with a content-derived
 * `requestId` (unless it has one) so a re-sent batch stores nothing twice. Memory stays flat: only
 * the batches in flight and the one being filled are held.
 */
export async function importRows(options: ImportOptions): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 500;
  const maxBytes = options.maxBatchBytes ?? 512 * 1024;
  const counts = options.counts ?? emptyCounts();
  const queue = new PQueue({ concurrency: options.concurrency ?? 3 });
  const finished = new Map<number, readonly ReportedRow[]>();
  let nextToReport = 0;
  let seq = 0;
  let stopped: ImportSummary['stopped'];
  let batch = newBatch(seq++);

  const report = (done: Batch, rejected: readonly ReportedRow[]) => {
    finished.set(done.seq, rejected);
    for (let rows = finished.get(nextToReport); rows !== undefined; rows = finished.get(nextToReport)) {
      finished.delete(nextToReport++);
      for (const row of rows) options.onReported(row);
    }
  };

  const run = async (full: Batch) => {
    try {
      const results = full.jobs.length === 0 ? [] : await options.send(full.jobs);
      if (results.length !== full.jobs.length) {
        throw new Error(`the daemon answered ${results.length} results for a batch of ${full.jobs.length}`);
      }
      const reported = [...full.local];
      let rejected = full.local.length;
      results.forEach((result, i) => {
        const job = full.jobs[i] as BatchJob;
        const problems = (result.problems ?? []).map((p) => redact(p, job));
        if (result.outcome === 'accepted') counts.accepted++;
        else if (result.outcome === 'duplicate') {
          counts.duplicates++;
          if (problems.length > 0) reported.push({ line: job.line, outcome: 'duplicate', problems });
        } else if (result.outcome === 'rejected') {
          rejected++;
          reported.push({
            line: job.line,
            outcome: 'rejected',
            problems: problems.length > 0 ? problems : ['rejected'],
          });
        } else throw new Error(`the daemon answered an unknown outcome for line ${job.line}`);
      });
      reported.sort((a, b) => a.line - b.line);
      counts.rejected += rejected;
      report(full, reported);
    } catch (error) {
      const first = Math.min(...full.jobs.map((j) => j.line), ...full.local.map((r) => r.line));
      if (stopped === undefined || first < stopped.line) stopped = { line: first, error };
      // Batches still waiting would only fail the same way.
      queue.clear();
      report(full, []);
    }
  };

  const dispatch = async () => {
    const full = batch;
    batch = newBatch(seq++);
    // Back-pressure: don't read further ahead than one waiting batch.
    await queue.onSizeLessThan(1);
    if (stopped === undefined) void queue.add(() => run(full));
  };

  try {
    for await (const row of options.rows) {
      if (stopped !== undefined) break;
      counts.read++;
      const job = 'error' in row ? row.error : toBatchJob(row.line, row.fields);
      if (typeof job === 'string') {
        batch.local.push({ line: row.line, outcome: 'rejected', problems: [job] });
      } else {
        const bytes = Buffer.byteLength(JSON.stringify(job)) + 1;
        if (batch.jobs.length > 0 && batch.bytes + bytes > maxBytes) await dispatch();
        batch.jobs.push(job);
        batch.bytes += bytes;
      }
      if (batch.jobs.length + batch.local.length >= batchSize) await dispatch();
    }
    if (stopped === undefined && batch.jobs.length + batch.local.length > 0) await dispatch();
  } finally {
    await queue.onIdle();
    // Batches cleared after a failure never report; report what finished after them.
    for (const key of [...finished.keys()].sort((a, b) => a - b)) {
      for (const row of finished.get(key) ?? []) options.onReported(row);
    }
  }
  return { ...counts, ...(stopped !== undefined && { stopped }) };
}

function newBatch(seq: number): Batch {
  return { seq, jobs: [], local: [], bytes: 0 };
}

/** The row as a batch job, or why it can't be one. */
function toBatchJob(line: number, fields: Readonly<Record<string, unknown>>): BatchJob | string {
  // `line` belongs to the batch envelope; a row's own `line` would be silently replaced.
  if (Object.hasOwn(fields, 'line')) return 'unknown field "line"';
  const requestId = fields.requestId ?? contentRequestId(fields);
  return { line, ...fields, requestId };
}

/**
 * `nik: nik: reason` and `sex: sex must be …` → `nik: reason`, `sex: must be …`: the daemon's
 * messages repeat the field name its problem lines already start with.
 */
function tidy(problem: string): string {
  const match = /^([A-Za-z]+): \1:? (.*)$/s.exec(problem);
  return match === null ? problem : `${match[1]}: ${match[2]}`;
}

/**
 * The daemon never echoes personal values, but what the CLI prints must not depend on that alone:
 * any of the row's personal values, and any NIK-shaped number, is hidden from a problem line.
 */
function redact(problem: string, job: BatchJob): string {
  let text = tidy(problem).replace(/\d{16}/g, (nik) => maskNik(nik));
  for (const field of PERSONAL_FIELDS) {
    const value = job[field];
    if (typeof value === 'string' && value.trim().length >= 4)
      text = text.split(value.trim()).join('[redacted]');
  }
  return text;
}
