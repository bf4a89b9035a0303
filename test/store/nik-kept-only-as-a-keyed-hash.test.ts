import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { isCetakError } from '../../src/errors.js';
import type { Job, JobStore, NewJob } from '../../src/store/job-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { found, storeFiles, stringsOf } from '../helpers/strings-of.js';

const T0 = Date.UTC(2026, 0, 5, 1, 0, 0);
const DAY = '2026-01-05';
const HOUR = 3600_000;

const dir = mkdtempSync(join(tmpdir(), 'cetak-keyed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let dirCount = 0;
/** A fresh data dir; the store's secret is created beside its database. */
function freshDir(): { root: string; database: string; secret: string } {
  const root = join(dir, `data-${++dirCount}`);
  mkdirSync(root);
  return { root, database: join(root, 'cetak.db'), secret: join(root, 'secret') };
}

function newJob(seed: number): NewJob {
  const r = syntheticResident(seed);
  return {
    nik: r.nik,
    kecamatan: r.kecamatan,
    priority: 'backlog',
    requestId: `counter-1:${seed}`,
    card: { nik: r.nik, name: r.name, address: r.address },
  };
}

function add(store: JobStore, job: NewJob, now: number): Job {
  const result = store.submit(job, now);
  if (result.outcome !== 'created') throw new Error(`expected a new job, got ${result.outcome}`);
  return result.job;
}

/** Submits, claims and finishes one job as a station would. */
function print(store: JobStore, job: NewJob, now: number, state: 'printed' | 'spoiled' = 'printed'): Job {
  const created = add(store, job, now);
  const claimed = store.claimNext('st-1', [job.kecamatan], now + 1);
  expect(claimed?.id).toBe(created.id);
  const outcome = state === 'printed' ? { state } : { state, reason: 'card-jam' };
  return store.finishJob(created.id, outcome, now + 65_000, DAY);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the printed-once rule on keyed hashes', () => {
  it('refuses a second card for a printed NIK after its card data and plain NIK are erased', () => {
    const { database } = freshDir();
    const { jobs, database: db } = openSqliteStore(database);
    const job = newJob(1);
    const printed = print(jobs, job, T0);
    expect(printed).toMatchObject({
      state: 'printed',
      card: null,
      nikMasked: `${job.nik.slice(0, 6)}**********`,
    });

    expect(jobs.submit({ ...newJob(1), requestId: 'counter-2:1' }, T0 + HOUR)).toEqual({
      outcome: 'locked',
      printedJobId: printed.id,
    });
    // The same request sent again is still recognised as the same one.
    expect(jobs.submit(job, T0 + HOUR).outcome).toBe('repeat');
    expect(jobs.findByNik(job.nik).map((j) => [j.id, j.state])).toEqual([[printed.id, 'printed']]);
    expect(jobs.findByNik(newJob(2).nik)).toEqual([]);

    // A reprint is authorised by the NIK, and the lock is found again by its hash.
    jobs.authoriseReprint(job.nik, 'lost', T0 + 2 * HOUR);
    const second = add(jobs, { ...job, requestId: 'counter-1:reprint' }, T0 + 2 * HOUR);
    expect(jobs.findByNik(job.nik).map((j) => j.id)).toEqual([second.id, printed.id]);

    // Nothing but hashes of the NIK in the books, the lock and the reprint; the printed job's row
    // keeps neither NIK nor request id (the reprint's queued card still holds the NIK, as it must).
    const rows = (table: string) => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
    for (const table of ['nik_locks', 'reprints', 'ledger'])
      expect(rows(table), table).not.toContain(job.nik);
    const printedRow = JSON.stringify(db.prepare('SELECT * FROM jobs WHERE id = ?').get(printed.id));
    expect(printedRow).not.toContain(job.nik);
    expect(printedRow).not.toContain('counter-1:1');
    jobs.close();
  });

  it('leaves no plain NIK, name or request id of a printed or spoiled job in the file', () => {
    const { database } = freshDir();
    const { jobs } = openSqliteStore(database);
    const ended = [1, 2, 3, 4, 5, 6].map((seed) => newJob(100 + seed));
    ended.forEach((job, i) => {
      print(jobs, job, T0 + i * 100_000, i % 2 === 0 ? 'printed' : 'spoiled');
    });
    jobs.close();
    const personal = ended.flatMap((job) => [job.nik, String(job.card.name), String(job.requestId)]);
    expect(found(stringsOf(...storeFiles(database)), personal)).toEqual([]);
  });
});

describe('retention of personal data', () => {
  it('keeps an ended job’s card data as long as configured, then the sweep erases it', () => {
    const { database } = freshDir();
    const { jobs } = openSqliteStore(database, { retainPersonalDataMs: 7 * 24 * HOUR });
    const job = newJob(200);
    const printed = print(jobs, job, T0);
    const ended = printed.finishedAt ?? 0;
    expect(printed.card).toEqual(job.card);
    const cancelled = add(jobs, newJob(201), T0);
    jobs.cancel(cancelled.id, T0 + HOUR);
    expect(jobs.getJob(cancelled.id)?.card).not.toBeNull();

    expect(jobs.erasePersonalData(ended + 7 * 24 * HOUR - 1)).toBe(0);
    expect(jobs.getJob(printed.id)?.card).toEqual(job.card);
    expect(jobs.erasePersonalData(ended + 7 * 24 * HOUR)).toBe(1);
    expect(jobs.getJob(printed.id)?.card).toBeNull();
    expect(jobs.getJob(cancelled.id)?.card).not.toBeNull();
    expect(jobs.erasePersonalData(T0 + HOUR + 7 * 24 * HOUR)).toBe(1);
    expect(jobs.getJob(cancelled.id)?.card).toBeNull();
    // The lock never depended on the card data.
    expect(jobs.submit({ ...job, requestId: 'again' }, T0 + 8 * 24 * HOUR).outcome).toBe('locked');
    jobs.close();
  });

  it('never erases an uncertain job: the operator needs its card to settle it', () => {
    const { database } = freshDir();
    const { jobs } = openSqliteStore(database);
    const created = add(jobs, newJob(300), T0);
    jobs.claimNext('st-1', ['seberang-ulu-i'], T0 + 1);
    jobs.markUncertain(created.id, T0 + 2, 'link lost');
    expect(jobs.erasePersonalData(T0 + 365 * 24 * HOUR)).toBe(0);
    expect(jobs.getJob(created.id)?.card).not.toBeNull();
    expect(jobs.resolve(created.id, { state: 'printed' }, T0 + HOUR, DAY).card).toBeNull();
    jobs.close();
  });
});

describe('the install secret', () => {
  it('is made with a new store: 32 random bytes, owner-only, beside the database', () => {
    const { database, secret } = freshDir();
    openSqliteStore(database).jobs.close();
    expect(readFileSync(secret, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    const other = freshDir();
    openSqliteStore(other.database).jobs.close();
    expect(readFileSync(other.secret, 'utf8')).not.toBe(readFileSync(secret, 'utf8'));
  });

  it('missing, stops the store from opening with a clear word instead of making a new one', () => {
    const { database, secret } = freshDir();
    const { jobs } = openSqliteStore(database);
    print(jobs, newJob(400), T0);
    jobs.close();
    rmSync(secret);

    const error = thrown(() => openSqliteStore(database));
    expect(isCetakError(error, 'DATA_DIR_UNUSABLE')).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(`the install secret ${secret} is missing, and the job store ${database} was keyed with it`),
    );
    expect((error as Error).message).toContain('docs/privacy.md');
    // Nothing was created in its place.
    expect(() => statSync(secret)).toThrow();
  });

  it('another install’s secret is refused too, naming both fingerprints', () => {
    const { database, secret } = freshDir();
    openSqliteStore(database).jobs.close();
    writeFileSync(secret, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const error = thrown(() => openSqliteStore(database));
    expect(isCetakError(error, 'DATA_DIR_UNUSABLE')).toBe(true);
    expect((error as Error).message).toMatch(
      /is not the one the job store .* was keyed with \(fingerprint [0-9a-f]{16}\)/,
    );
  });

  it('that is not 64 hex digits is an error, not a reason to make a new one', () => {
    const { database, secret } = freshDir();
    writeFileSync(secret, 'hunter2\n', { mode: 0o600 });
    const error = thrown(() => openSqliteStore(database));
    expect(isCetakError(error, 'DATA_DIR_UNUSABLE')).toBe(true);
    expect((error as Error).message).toBe(
      `the install secret ${secret} is not 64 hex digits; restore it from the office's copy`,
    );
    expect(readFileSync(secret, 'utf8')).toBe('hunter2\n');
  });
});
