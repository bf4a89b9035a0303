import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticPhoto } from '../../scripts/synthetic-card-images.js';
import { found, storeFiles, stringsOf } from '../helpers/strings-of.js';
import { resident, startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';
import { runCli } from '../import/cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'cetak-privacy-'));
let test: TestDaemon | undefined;
afterAll(async () => {
  await test?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const CARDS = 30;

/** Thirty synthetic residents; every third carries a photo, so large values (overflow pages) are covered. */
const residents = Array.from({ length: CARDS }, (_, i) => {
  const seed = 7000 + i;
  return resident(seed, i % 3 === 0 ? { photo: syntheticPhoto(seed, 'jpeg') } : {});
});

/** What must not be readable once the jobs have ended: NIK, name, address, and a slice of each photo. */
const personal = residents.flatMap((r) => [
  r.nik,
  r.name,
  r.address,
  ...(typeof r.photo === 'string' ? [r.photo.slice(2000, 2040)] : []),
]);

async function jobStates(t: TestDaemon): Promise<string[]> {
  const body = (await t.get(`/api/jobs?limit=${CARDS + 5}`)).body as { jobs: Array<{ state: string }> };
  return body.jobs.map((job) => job.state);
}

describe('thirty printed cards later', () => {
  it('no resident is readable with strings in the store or its WAL (running and after a clean stop) or in a backup', async () => {
    const dataDir = join(dir, 'data');
    test = await startTestDaemon({ dataDir });
    const database = join(dataDir, 'cetak.db');
    const ids: string[] = [];
    for (const body of residents) {
      const answer = await test.submit(body);
      expect(answer.status).toBe(201);
      ids.push(String(answer.body.id));
    }
    // One resident withdraws before printing: a cancelled job ends too.
    const cancelled = ids.at(-1) ?? '';
    expect((await test.post(`/api/jobs/${cancelled}/cancel`)).status).toBe(200);

    // The method sees personal data where there is some: queued jobs do hold theirs.
    expect(found(stringsOf(...storeFiles(database)), personal).length).toBeGreaterThan(CARDS);

    await test.clock.until(async () => {
      const states = await jobStates(test as TestDaemon);
      return states.length === CARDS && states.every((s) => ['printed', 'spoiled', 'cancelled'].includes(s));
    }, 4 * 3600_000);
    expect((await jobStates(test)).filter((s) => s === 'printed').length).toBeGreaterThan(CARDS / 2);
    // Still running: a few seconds after the last card, its erased pages have left the log too.
    await test.clock.advance(10_000);
    expect(found(stringsOf(...storeFiles(database)), personal), 'left while running').toEqual([]);

    const backup = join(dir, 'backup.db');
    const made = await runCli(['backup', backup, '--data-dir', dataDir]);
    expect(made.code).toBe(0);
    await test.stop();

    const left = found(stringsOf(...storeFiles(database)), personal);
    expect(left, `left in ${database} (or its -wal/-shm)`).toEqual([]);
    expect(found(stringsOf(backup), personal), 'left in the backup').toEqual([]);
    // The secret never travels with a backup unless asked for.
    expect(existsSync(`${backup}.secret`)).toBe(false);
    // Restarted, the daemon still knows every resident's card was printed.
    test = await startTestDaemon({ dataDir, clock: test.clock });
    const again = await test.submit(residents[0]);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('NIK_LOCKED');
  }, 120_000);
});
