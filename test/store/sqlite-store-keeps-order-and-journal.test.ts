import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { isCetakError } from '../../src/errors.js';
import type { Job, JobStore, NewJob, Priority } from '../../src/store/job-store.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openSqliteJobStore } from '../../src/store/sqlite-store.js';

const T0 = Date.UTC(2026, 0, 5, 1, 0, 0);
const DAY = '2026-01-05';

const dir = mkdtempSync(join(tmpdir(), 'cetak-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
const tempDb = () => join(dir, `jobs-${++fileCount}.db`);

let seed = 1000;
function newJob(kecamatan: string, priority: Priority): NewJob {
  const resident = syntheticResident(seed++, { kecamatan });
  return {
    nik: resident.nik,
    kecamatan,
    priority,
    card: { name: resident.name, address: resident.address, birthDate: resident.birthDate },
  };
}

/** Submits a job that must be stored. */
function add(store: JobStore, job: NewJob, now: number): Job {
  const result = store.submit(job, now);
  if (result.outcome !== 'created') throw new Error(`expected a new job, got ${result.outcome}`);
  return result.job;
}

/** Runs `fn` and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

describe('SQLite job store', () => {
  it('hands out walk-ins before backlog, then oldest first, only for the kecamatan asked', () => {
    const store = openSqliteJobStore(':memory:');
    const backlogA1 = add(store, newJob('kec-a', 'backlog'), T0);
    const walkInB = add(store, newJob('kec-b', 'walk-in'), T0 + 1);
    const backlogA2 = add(store, newJob('kec-a', 'backlog'), T0 + 2);
    const walkInA1 = add(store, newJob('kec-a', 'walk-in'), T0 + 3);
    const otherKec = add(store, newJob('kec-c', 'walk-in'), T0 + 4);
    const walkInA2 = add(store, newJob('kec-a', 'walk-in'), T0 + 5);

    const order: string[] = [];
    for (let i = 0; i < 10; i++) {
      const job = store.claimNext('st-1', ['kec-a', 'kec-b'], T0 + 100 + i);
      if (!job) break;
      expect(job.state).toBe('printing');
      expect(job.stationId).toBe('st-1');
      expect(job.startedAt).toBe(T0 + 100 + i);
      order.push(job.id);
    }
    expect(order).toEqual([walkInB.id, walkInA1.id, walkInA2.id, backlogA1.id, backlogA2.id]);
    expect(store.nextPriority(['kec-a', 'kec-b'])).toBeUndefined();
    expect(store.nextPriority(['kec-c'])).toBe('walk-in');
    expect(store.getJob(otherKec.id)?.state).toBe('queued');
    expect(store.claimNext('st-1', [], T0)).toBeUndefined();
    store.close();
  });

  it('never gives the same job to two stations', () => {
    const file = tempDb();
    const first = openSqliteJobStore(file);
    const second = openSqliteJobStore(file);
    const ids = new Set<string>();
    for (let i = 0; i < 6; i++)
      ids.add(add(first, newJob('kec-a', i % 2 ? 'walk-in' : 'backlog'), T0 + i).id);

    const claimed: string[] = [];
    for (let i = 0; i < 8; i++) {
      const job = (i % 2 ? first : second).claimNext(`st-${i % 2}`, ['kec-a'], T0 + 10 + i);
      if (job) claimed.push(job.id);
    }
    expect(claimed).toHaveLength(6);
    expect(new Set(claimed)).toEqual(ids);
    first.close();
    second.close();
  });

  it('refuses to finish a job that is not printing, and changes nothing', () => {
    const store = openSqliteJobStore(':memory:');
    const job = add(store, newJob('kec-a', 'walk-in'), T0);
    const before = store.getJob(job.id);

    const error = thrown(() =>
      store.finishJob(job.id, { state: 'printed', chipUid: '04AABBCCDDEEFF' }, T0 + 5, DAY),
    );
    expect(isCetakError(error, 'JOB_STATE')).toBe(true);
    expect(store.getJob(job.id)).toEqual(before);
    expect(store.journal(job.id)).toHaveLength(1);
    expect(store.dayCounts(DAY).size).toBe(0);

    const missing = thrown(() => store.finishJob('no-such-job', { state: 'spoiled', reason: 'x' }, T0, DAY));
    expect(isCetakError(missing, 'JOB_NOT_FOUND')).toBe(true);

    // A finished job cannot be finished again either.
    store.claimNext('st-1', ['kec-a'], T0 + 1);
    store.finishJob(job.id, { state: 'spoiled', reason: 'card-jam' }, T0 + 2, DAY);
    const again = thrown(() => store.finishJob(job.id, { state: 'printed', chipUid: '04AA' }, T0 + 3, DAY));
    expect(isCetakError(again, 'JOB_STATE')).toBe(true);
    expect(store.getJob(job.id)?.state).toBe('spoiled');
    store.close();
  });

  it('forgets the card data of a printed card and of a spoiled one', () => {
    const store = openSqliteJobStore(':memory:');
    const printed = add(store, newJob('kec-a', 'walk-in'), T0);
    const spoiled = add(store, newJob('kec-a', 'walk-in'), T0 + 1);
    expect(printed.card).not.toBeNull();
    store.claimNext('st-1', ['kec-a'], T0 + 2);
    store.claimNext('st-2', ['kec-a'], T0 + 3);

    const done = store.finishJob(printed.id, { state: 'printed', chipUid: '04A1B2C3D4E5F6' }, T0 + 70, DAY);
    expect(done).toMatchObject({
      state: 'printed',
      card: null,
      chipUid: '04A1B2C3D4E5F6',
      finishedAt: T0 + 70,
    });

    const bad = store.finishJob(spoiled.id, { state: 'spoiled', reason: 'ribbon snapped' }, T0 + 71, DAY);
    expect(bad).toMatchObject({ state: 'spoiled', spoilReason: 'ribbon snapped', stationId: 'st-2' });
    // A spoiled card's resident is submitted again from the office's records: nothing to keep.
    expect(spoiled.card).not.toBeNull();
    expect(bad.card).toBeNull();

    expect(store.journal(printed.id).map((t) => [t.from, t.to])).toEqual([
      [null, 'queued'],
      ['queued', 'printing'],
      ['printing', 'printed'],
    ]);
    store.close();
  });

  it('turns jobs left printing into uncertain ones, with a journal entry', () => {
    const store = openSqliteJobStore(':memory:');
    const a = add(store, newJob('kec-a', 'walk-in'), T0);
    const b = add(store, newJob('kec-a', 'backlog'), T0 + 1);
    const queued = add(store, newJob('kec-a', 'backlog'), T0 + 2);
    store.claimNext('st-1', ['kec-a'], T0 + 10);
    store.claimNext('st-2', ['kec-a'], T0 + 11);

    expect(store.markInterrupted(T0 + 500)).toBe(2);
    for (const job of [a, b]) {
      expect(store.getJob(job.id)?.state).toBe('uncertain');
      expect(store.journal(job.id).at(-1)).toMatchObject({
        from: 'printing',
        to: 'uncertain',
        at: T0 + 500,
        detail: 'daemon stopped mid-card',
      });
    }
    expect(store.journal(a.id).at(-1)?.stationId).toBe('st-1');
    expect(store.getJob(queued.id)?.state).toBe('queued');
    expect(store.markInterrupted(T0 + 600)).toBe(0);
    // Uncertain jobs are never handed out again.
    expect(store.claimNext('st-1', ['kec-a'], T0 + 700)?.id).toBe(queued.id);
    expect(store.claimNext('st-1', ['kec-a'], T0 + 701)).toBeUndefined();
    store.close();
  });

  it('keeps the journal append-only, whoever writes to the database', () => {
    const file = tempDb();
    const store = openSqliteJobStore(file);
    const job = add(store, newJob('kec-a', 'walk-in'), T0);
    const raw = new Database(file);
    try {
      expect(() => raw.prepare("UPDATE job_events SET to_state = 'printed'").run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM job_events').run()).toThrow(/append-only/);
      expect(raw.prepare('SELECT COUNT(*) AS n FROM job_events').get()).toEqual({ n: 1 });
    } finally {
      raw.close();
    }
    expect(store.journal(job.id)).toEqual([
      { jobId: job.id, at: T0, from: null, to: 'queued', stationId: null, detail: null },
    ]);
    store.close();
  });

  it('keeps jobs across a reopen without re-running migrations', () => {
    const file = tempDb();
    const first = openSqliteJobStore(file);
    const job = add(first, newJob('kec-a', 'backlog'), T0);
    first.close();

    const again = openSqliteJobStore(file);
    expect(again.getJob(job.id)).toEqual(job);
    expect(again.journal(job.id)).toHaveLength(1);
    again.close();

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      raw.close();
    }
  });

  it('counts the day per station and the queue per kecamatan and priority', () => {
    const store: JobStore = openSqliteJobStore(':memory:');
    // Submitted out of age order, so the oldest of a queue is neither its first nor its last row.
    for (const [kec, priority, minutes] of [
      ['kec-a', 'walk-in', 3],
      ['kec-a', 'walk-in', 7],
      ['kec-a', 'walk-in', 5],
      ['kec-a', 'backlog', 9],
      ['kec-b', 'backlog', 0],
      ['kec-b', 'backlog', 0],
      ['kec-b', 'backlog', 0],
    ] as const) {
      add(store, newJob(kec, priority), T0 - minutes * 60_000);
    }
    const finish = (station: string, state: 'printed' | 'spoiled', day: string) => {
      const job = store.claimNext(station, ['kec-b'], T0 + 1);
      if (!job) throw new Error('nothing to claim');
      store.finishJob(
        job.id,
        state === 'printed'
          ? { state, chipUid: `04${job.id.slice(0, 12)}` }
          : { state, reason: 'chip-error' },
        T0 + 2,
        day,
      );
    };
    finish('st-1', 'printed', DAY);
    finish('st-1', 'spoiled', DAY);
    finish('st-2', 'printed', '2026-01-04');

    expect(store.dayCounts(DAY)).toEqual(new Map([['st-1', { printed: 1, spoiled: 1 }]]));
    expect(store.dayCounts('2026-01-04')).toEqual(new Map([['st-2', { printed: 1, spoiled: 0 }]]));
    expect(store.dayCounts('2026-01-06').size).toBe(0);

    const byKey = (q: { kecamatan: string; priority: string }) => `${q.kecamatan}/${q.priority}`;
    expect(store.queueLengths().sort((x, y) => byKey(x).localeCompare(byKey(y)))).toEqual([
      { kecamatan: 'kec-a', priority: 'backlog', count: 1, oldestCreatedAt: T0 - 9 * 60_000 },
      { kecamatan: 'kec-a', priority: 'walk-in', count: 3, oldestCreatedAt: T0 - 7 * 60_000 },
    ]);
    store.close();
  });

  it('refuses a store written by a newer schema', () => {
    const file = tempDb();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();

    const error = thrown(() => openSqliteJobStore(file));
    expect(isCetakError(error, 'DATA_DIR_UNUSABLE')).toBe(true);
    expect((error as Error).message).toContain(`schema ${MIGRATIONS.length + 1}`);
    // Refused means untouched: no switch to WAL, no connection left holding the file.
    const after = new Database(file);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    after.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('a job named by the start of its id', () => {
  it('is found by 8 or more characters, and two ids with that start are ambiguous, not guessed', () => {
    const file = tempDb();
    const store = openSqliteJobStore(file);
    const one = add(store, newJob('sbu1', 'backlog'), T0);
    const two = add(store, newJob('sbu1', 'backlog'), T0);
    expect(store.resolveJobId(one.id)).toBe(one.id);
    expect(store.resolveJobId(one.id.slice(0, 8))).toBe(one.id);
    expect(store.resolveJobId(two.id.slice(0, 13).toUpperCase())).toBe(two.id);
    expect(thrown(() => store.resolveJobId(one.id.slice(0, 7)))).toMatchObject({ code: 'JOB_NOT_FOUND' });
    store.close();

    // Two more jobs whose ids share their first 8 characters, copied from the first.
    const db = new Database(file);
    for (const id of ['abcdef01-0000-4000-8000-000000000001', 'abcdef01-0000-4000-8000-000000000002']) {
      db.prepare(
        `INSERT INTO jobs (id, nik_hash, nik_region, kecamatan, priority, priority_rank, state, created_at, updated_at)
         SELECT ?, nik_hash, nik_region, kecamatan, priority, priority_rank, 'cancelled', created_at, updated_at
         FROM jobs WHERE id = ?`,
      ).run(id, one.id);
    }
    db.close();
    const reopened = openSqliteJobStore(file);
    expect(thrown(() => reopened.resolveJobId('abcdef01'))).toMatchObject({ code: 'JOB_ID_AMBIGUOUS' });
    expect(thrown(() => reopened.resolveJobId('abcdef01-0000-4000-8000-00000000000'))).toMatchObject({
      code: 'JOB_ID_AMBIGUOUS',
    });
    expect(thrown(() => reopened.resolveJobId('abcdef02'))).toMatchObject({ code: 'JOB_NOT_FOUND' });
    reopened.close();
  });
});
