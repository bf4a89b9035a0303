import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { found, stringsOf } from '../helpers/strings-of.js';
import { resident, TEST_FLEET, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';
import { queuedJobs, runCli, startListeningDaemon } from '../import/cli-harness.js';
import { writeResidentsCsv } from '../import/resident-files.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-backup-'));
let daemon: TestDaemon & { url: string };
afterEach(() => daemon?.dispose());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jobsIn(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('cetak backup', () => {
  it('copies the store of a running daemon: owner-only, intact, with the jobs', async () => {
    daemon = await startListeningDaemon();
    const csv = join(dir, 'a.csv');
    await writeResidentsCsv(csv, { count: 120 });
    expect((await runCli(['import', csv, '--data-dir', daemon.dataDir])).code).toBe(0);

    const copy = join(dir, 'copy.db');
    const run = await runCli(['backup', copy, '--data-dir', daemon.dataDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^backup written to .*copy\.db: [\d.]+ KiB \(\d+ bytes\); integrity_check: ok\nthe install secret is not in the backup: keep the office's copy of .*secret apart from it\n$/,
    );
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect(jobsIn(copy)).toBe(120);
    expect(await queuedJobs(daemon)).toBe(120);
  });

  it('takes one consistent snapshot while an import is writing', async () => {
    daemon = await startListeningDaemon();
    const csv = join(dir, 'b.csv');
    await writeResidentsCsv(csv, { count: 3000, seed: 50_000 });
    const importing = runCli(['import', csv, '--data-dir', daemon.dataDir]);
    // Back up once the first batches are stored and while later ones are still arriving.
    while ((await queuedJobs(daemon)) === 0) await new Promise((resolve) => setImmediate(resolve));
    const copy = join(dir, 'during.db');
    const run = await runCli(['backup', copy, '--data-dir', daemon.dataDir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ file: copy, integrityCheck: 'ok' });
    expect((await importing).code).toBe(0);
    const n = jobsIn(copy);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(3000);
    // Batches are stored whole, so a snapshot holds whole batches.
    expect(n % 500 === 0 || n === 3000).toBe(true);
  });

  it('keeps an existing file unless --force, and leaves nothing behind when it refuses', async () => {
    daemon = await startListeningDaemon();
    const copy = join(dir, 'existing.db');
    writeFileSync(copy, 'an older backup');
    const refused = await runCli(['backup', copy, '--data-dir', daemon.dataDir]);
    expect(refused.code).toBe(73);
    expect(refused.stderr).toContain('already exists; give --force to replace it');
    expect(readFileSync(copy, 'utf8')).toBe('an older backup');

    const forced = await runCli(['backup', copy, '--data-dir', daemon.dataDir, '--force']);
    expect(forced.code).toBe(0);
    expect(jobsIn(copy)).toBe(0);
  });

  it('says so when the data dir has no job store', async () => {
    const run = await runCli(['backup', join(dir, 'x.db'), '--data-dir', join(dir, 'empty')]);
    expect(run.code).toBe(66);
    expect(run.stderr).toContain(`there is no job store at ${join(dir, 'empty', 'cetak.db')}`);
  });

  it('leaves out card data an office keeps on the PC, and the secret unless --with-secret', async () => {
    daemon = await startListeningDaemon({ ...TEST_FLEET, privacy: { retainPersonalData: 'P7D' } });
    const someone = resident(8401);
    const id = String((await daemon.submit(someone)).body.id);
    await waitForJob(daemon, id, ['printed']);
    expect(daemon.daemon.jobs.getJob(id)?.card).not.toBeNull();

    const copy = join(dir, 'retained.db');
    const run = await runCli(['backup', copy, '--with-secret', '--data-dir', daemon.dataDir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ integrityCheck: 'ok', secretFile: `${copy}.secret` });
    expect(found(stringsOf(copy), [someone.nik, someone.name, someone.address])).toEqual([]);
    expect(statSync(`${copy}.secret`).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${copy}.secret`, 'utf8')).toBe(readFileSync(join(daemon.dataDir, 'secret'), 'utf8'));

    // Restored with its secret, the copy still knows the card was printed; without, it will not open.
    const restored = join(dir, 'restored');
    mkdirSync(restored);
    copyFileSync(copy, join(restored, 'cetak.db'));
    expect(() => openSqliteStore(join(restored, 'cetak.db'))).toThrow(/the install secret .* is missing/);
    copyFileSync(`${copy}.secret`, join(restored, 'secret'));
    const store = openSqliteStore(join(restored, 'cetak.db'));
    const again = { nik: someone.nik, kecamatan: someone.kecamatan, priority: 'backlog', card: {} } as const;
    expect(store.jobs.submit(again, Date.now()).outcome).toBe('locked');
    store.jobs.close();
  });
});
