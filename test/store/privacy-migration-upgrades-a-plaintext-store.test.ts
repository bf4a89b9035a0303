import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { PersonalKey } from '../../src/store/personal-key.js';
import { privacyMigration } from '../../src/store/privacy-migration.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { found, storeFiles, stringsOf } from '../helpers/strings-of.js';

const T0 = Date.UTC(2026, 0, 5, 1, 0, 0);
const DAY = '2026-01-05';
const dir = mkdtempSync(join(tmpdir(), 'cetak-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const printed = syntheticResident(9001);
const spoiled = syntheticResident(9002);
const queued = syntheticResident(9003);
const cancelled = syntheticResident(9004);
const cardOf = (r: ReturnType<typeof syntheticResident>) =>
  JSON.stringify({ nik: r.nik, name: r.name, address: r.address, birthPlace: r.birthPlace });

/**
 * A store as the Cetak before this change left it: the schema up to the privacy migration, plain
 * NIKs everywhere, a printed card's text dropped the old way (unlinked, not zeroed), a spoiled
 * card's text kept, and a request id a counter client made from a NIK.
 */
function oldStore(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const upTo = MIGRATIONS.indexOf(privacyMigration);
  for (const sql of MIGRATIONS.slice(0, upTo)) db.exec(sql as string);
  db.pragma(`user_version = ${upTo}`);
  const job = db.prepare(
    `INSERT INTO jobs (id, nik, kecamatan, priority, priority_rank, state, request_id, card_json, station_id,
                       created_at, updated_at, finished_at, finished_day)
     VALUES (?, ?, 'seberang-ulu-i', 'backlog', 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  job.run(
    'job-printed',
    printed.nik,
    'printing',
    `nik-${printed.nik}`,
    cardOf(printed),
    'st-1',
    T0,
    T0,
    null,
    null,
  );
  db.prepare(
    "UPDATE jobs SET state = 'printed', card_json = NULL, finished_at = ?, finished_day = ? WHERE id = ?",
  ).run(T0 + 65_000, DAY, 'job-printed');
  job.run('job-spoiled', spoiled.nik, 'spoiled', null, cardOf(spoiled), 'st-1', T0, T0, T0, DAY);
  job.run('job-queued', queued.nik, 'queued', 'counter-1:7', cardOf(queued), null, T0, T0, null, null);
  job.run('job-cancelled', cancelled.nik, 'cancelled', null, cardOf(cancelled), null, T0, T0, null, null);
  db.prepare('INSERT INTO nik_locks (nik, job_id, locked_at) VALUES (?, ?, ?)').run(
    printed.nik,
    'job-printed',
    T0,
  );
  db.prepare("INSERT INTO reprints (nik, reason, at, used_by) VALUES (?, 'lost', ?, 'job-printed')").run(
    printed.nik,
    T0 - 1,
  );
  const ledger = db.prepare(
    `INSERT INTO ledger (station_id, at, day, item, kind, count, job_id, nik, reason)
     VALUES ('st-1', ?, ?, 'blanks', ?, 1, ?, ?, ?)`,
  );
  ledger.run(T0, DAY, 'good', 'job-printed', printed.nik, null);
  ledger.run(T0, DAY, 'spoiled', 'job-spoiled', spoiled.nik, 'card-jam');
  db.close();
}

describe('upgrading a store that holds plain NIKs', () => {
  it('hashes every NIK and request id, erases ended jobs’ card data, and rebuilds the file, in one open', () => {
    const file = join(dir, 'cetak.db');
    oldStore(file);
    const endedData = [printed, spoiled, cancelled].flatMap((r) => [r.nik, r.name, r.address, r.birthPlace]);
    // The old store does leak: this is what the upgrade must fix.
    expect(found(stringsOf(...storeFiles(file)), endedData).length).toBeGreaterThan(0);

    const store = openSqliteStore(file);
    const db = store.database;
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const key = new PersonalKey(Buffer.from(readFileSync(join(dir, 'secret'), 'utf8').trim(), 'hex'));

    expect(db.prepare('SELECT nik_hash FROM nik_locks').all()).toEqual([{ nik_hash: key.nik(printed.nik) }]);
    expect(db.prepare('SELECT nik_hash FROM reprints').all()).toEqual([{ nik_hash: key.nik(printed.nik) }]);
    expect(db.prepare("SELECT nik_hash FROM ledger WHERE item = 'blanks' ORDER BY seq").all()).toEqual([
      { nik_hash: key.nik(printed.nik) },
      { nik_hash: key.nik(spoiled.nik) },
    ]);
    expect(store.jobs.getJob('job-spoiled')).toMatchObject({
      card: null,
      nikMasked: `${spoiled.nik.slice(0, 6)}**********`,
    });
    expect(store.jobs.getJob('job-cancelled')?.card).toBeNull();
    expect(store.jobs.getJob('job-queued')?.card).toEqual(JSON.parse(cardOf(queued)));
    // The ledger is append-only again.
    expect(() => db.prepare('UPDATE ledger SET count = 2').run()).toThrow('ledger is append-only');

    // The rules work on the hashes: printed-once, one active job, a repeated request.
    const job = (r: typeof printed, requestId?: string) => ({
      nik: r.nik,
      kecamatan: 'seberang-ulu-i',
      priority: 'backlog' as const,
      requestId,
      card: { name: r.name },
    });
    expect(store.jobs.submit(job(printed), T0 + 1)).toEqual({
      outcome: 'locked',
      printedJobId: 'job-printed',
    });
    expect(store.jobs.submit(job(queued), T0 + 1)).toMatchObject({
      outcome: 'duplicate',
      job: { id: 'job-queued' },
    });
    expect(store.jobs.submit(job(queued, 'counter-1:7'), T0 + 1)).toMatchObject({ outcome: 'repeat' });
    expect(store.jobs.findByNik(printed.nik).map((j) => j.id)).toEqual(['job-printed']);
    store.jobs.close();

    // Nothing of an ended job is left in the file: not in a row, not in a freed page, not in the log.
    expect(found(stringsOf(...storeFiles(file)), [...endedData, `nik-${printed.nik}`])).toEqual([]);
    // Opening again migrates nothing more and needs the same secret.
    const again = openSqliteStore(file);
    expect(again.jobs.submit(job(printed), T0 + 2).outcome).toBe('locked');
    again.jobs.close();
  });
});
