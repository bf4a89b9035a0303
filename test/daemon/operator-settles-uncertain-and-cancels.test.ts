import { afterEach, describe, expect, it } from 'vitest';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { expectLedgerReconciles } from '../helpers/ledger-check.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

/** A job left `uncertain` by a stop mid-card (grace shorter than the card). */
async function uncertainJob(): Promise<{ id: string; nik: string }> {
  const config = { ...oneStationFleet(), daemon: { shutdownGraceSeconds: 5 } };
  test = await startTestDaemon({ config });
  const person = resident(1);
  const id = String((await test.submit(person)).body.id);
  await waitForJob(test, id, ['printing']);
  test = await test.restart();
  expect((await test.get(`/api/jobs/${id}`)).body.state).toBe('uncertain');
  return { id, nik: person.nik };
}

describe('an uncertain job', () => {
  it('is settled as printed by an operator: the NIK is locked and the blank booked as good', async () => {
    const { id } = await uncertainJob();
    const response = await test.post(`/api/jobs/${id}/resolve`, {
      outcome: 'printed',
      chipUid: '04a1b2c3d4e5f6',
      reason: 'good card found in the reject tray',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ state: 'printed', chipUid: '04A1B2C3D4E5F6' });
    const journal = response.body.journal as Array<{ from: string; to: string; detail: string }>;
    expect(journal.at(-1)).toMatchObject({
      from: 'uncertain',
      to: 'printed',
      detail: expect.stringContaining('reject tray'),
    });
    expect((await test.submit(resident(1))).body.error).toBe('NIK_LOCKED');
    const ledger = (await test.get('/api/stations/sbu1-a/ledger')).body as {
      blanks: { good: number; unresolved: number };
    };
    expect(ledger.blanks).toMatchObject({ good: 1, unresolved: 0 });
  });

  it('is settled as spoiled: the blank is booked spoiled and the resident may be queued again', async () => {
    const { id } = await uncertainJob();
    const response = await test.post(`/api/jobs/${id}/resolve`, { outcome: 'spoiled' });
    expect(response.body.state).toBe('spoiled');
    expect((await test.submit(resident(1))).status).toBe(201);
    const ledger = (await test.get('/api/stations/sbu1-a/ledger')).body as { blanks: { spoiled: number } };
    expect(ledger.blanks.spoiled).toBe(1);
  });

  it('stays uncertain — and is never printed — until resolved; the books account for its blank meanwhile', async () => {
    const { id } = await uncertainJob();
    await test.clock.advance(60 * 60_000);
    expect((await test.get(`/api/jobs/${id}`)).body.state).toBe('uncertain');
    const ledger = (await test.get('/api/stations/sbu1-a/ledger')).body as { blanks: { unresolved: number } };
    expect(ledger.blanks.unresolved).toBe(1);
    await expectLedgerReconciles(test, { compareFeeder: false });
  });

  it('refuses a resolution that is not printed or spoiled, and any resolution of a job that is not uncertain', async () => {
    const { id } = await uncertainJob();
    const bad = await test.post(`/api/jobs/${id}/resolve`, { outcome: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([expect.stringMatching(/^outcome: .*\(got "maybe"\)/)]);
    await test.post(`/api/jobs/${id}/resolve`, { outcome: 'printed' });
    const twice = await test.post(`/api/jobs/${id}/resolve`, { outcome: 'spoiled' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe('JOB_STATE');
  });
});

describe('cancelling', () => {
  it('withdraws a queued job and drops its card data; a printed job cannot be cancelled', async () => {
    test = await startTestDaemon({ config: oneStationFleet({ emulator: { stock: { feeder: 0 } } }) });
    const id = String((await test.submit(resident(2))).body.id);
    const cancelled = await test.post(`/api/jobs/${id}/cancel`);
    expect(cancelled.body.state).toBe('cancelled');
    expect(test.daemon.jobs.getJob(id)?.card).toBeNull();
    expect((await test.submit(resident(2))).status).toBe(201);
    expect((await test.post(`/api/jobs/${id}/cancel`)).status).toBe(409);
    expect((await test.post('/api/jobs/no-such-job/cancel')).status).toBe(404);
  });
});
