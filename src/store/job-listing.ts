import type Database from 'better-sqlite3';
import { type JobRow, toJob } from './job-rows.js';
import type { JobFilter, JobPage } from './job-store.js';

const LISTED_COLUMNS = [
  'seq',
  'id',
  'nik_hash',
  'nik_region',
  'kecamatan',
  'priority',
  'state',
  'request_id',
  'station_id',
  'chip_uid',
  'spoil_reason',
  'created_at',
  'updated_at',
  'started_at',
  'finished_at',
].join(', ');

/**
 * Jobs newest first, filtered and paged by a cursor (the row's sequence number), so a page stays
 * stable while new jobs arrive. One prepared statement per filter shape.
 */
export class JobListing {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement<unknown[], JobRow & { seq: number }>>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  list(filter: JobFilter): JobPage {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const where = (clause: string, value: unknown) => {
      clauses.push(clause);
      params.push(value);
    };
    if (filter.state !== undefined) where('state = ?', filter.state);
    if (filter.kecamatan !== undefined) where('kecamatan = ?', filter.kecamatan);
    if (filter.priority !== undefined) where('priority = ?', filter.priority);
    if (filter.stationId !== undefined) where('station_id = ?', filter.stationId);
    if (filter.before !== undefined) where('seq < ?', filter.before);
    // The card (text, photo, signature) stays out: a list shows no personal data but the masked NIK,
    // and a page of jobs with photos would otherwise read tens of megabytes.
    const sql = `SELECT ${LISTED_COLUMNS}, NULL AS card_json FROM jobs ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''}
                 ORDER BY seq DESC LIMIT ?`;
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    // One more than asked: whether there is a next page, without a COUNT.
    const rows = statement.all(...params, filter.limit + 1);
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      jobs: page.map(toJob),
      nextBefore: rows.length > filter.limit && last ? last.seq : null,
    };
  }
}
