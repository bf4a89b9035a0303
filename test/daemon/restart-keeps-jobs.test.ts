import { afterEach, describe, expect, it } from 'vitest';
import {
  EMULATED_STATION,
  resident,
  startTestDaemon,
  TEST_FLEET,
  type TestDaemon,
  waitForJob,
} from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

describe('restarting on the same data dir', () => {
  it('keeps printed jobs printed and prints what was still queued', async () => {
    test = await startTestDaemon({ config: { ...TEST_FLEET, kecamatan: [oneStation()] } });
    const ids: string[] = [];
    for (const seed of [1, 2, 3]) ids.push(String((await test.submit(resident(seed))).body.id));
    const [first, second, third] = ids;
    await waitForJob(test, String(first), ['printed']);
    const before = (await test.get(`/api/jobs/${first}`)).body;

    // The second card is in the printer and finishes during the shutdown; the third waits.
    test = await test.restart();
    expect((await test.get(`/api/jobs/${first}`)).body).toEqual(before);
    expect((await test.get(`/api/jobs/${second}`)).body.state).toBe('printed');
    expect((await test.get(`/api/jobs/${third}`)).body.state).toBe('queued');
    expect((await waitForJob(test, String(third), ['printed'])).state).toBe('printed');
  });

  it('turns a card cut off by the shutdown into an uncertain job that is never reprinted by itself', async () => {
    const config = { ...TEST_FLEET, daemon: { shutdownGraceSeconds: 5 }, kecamatan: [oneStation()] };
    test = await startTestDaemon({ config });
    const id = String((await test.submit(resident(3))).body.id);
    await waitForJob(test, id, ['printing']);

    test = await test.restart();
    const job = await test.get(`/api/jobs/${id}`);
    expect(job.body.state).toBe('uncertain');
    const journal = job.body.journal as Array<{ from: string; to: string }>;
    expect(journal.at(-1)).toMatchObject({ from: 'printing', to: 'uncertain' });

    await test.clock.advance(30 * 60_000);
    expect((await test.get(`/api/jobs/${id}`)).body.state).toBe('uncertain');
  });
});

describe('stopping while a card prints', () => {
  it('waits for the card and records it as printed', async () => {
    test = await startTestDaemon({ config: { ...TEST_FLEET, kecamatan: [oneStation()] } });
    const id = String((await test.submit(resident(4))).body.id);
    await waitForJob(test, id, ['printing']);
    test = await test.restart();
    expect((await test.get(`/api/jobs/${id}`)).body.state).toBe('printed');
  });
});

// With Cetak's heater extension the printer is warmed before a job is claimed, so a stop during a
// card waits out the print (and encode) alone, well inside the 90 s grace.
function oneStation() {
  return {
    id: 'seberang-ulu-i',
    name: 'Seberang Ulu I',
    stations: [{ id: 'sbu1-a', driver: 'emulator', ...EMULATED_STATION }],
  };
}
