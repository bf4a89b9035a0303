import { afterEach, describe, expect, it } from 'vitest';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

async function queued(t: TestDaemon): Promise<number> {
  const status = (await t.get('/api/status')).body as {
    kecamatan: Array<{ queue: { walkIn: number; backlog: number } }>;
  };
  return status.kecamatan.reduce((n, k) => n + k.queue.walkIn + k.queue.backlog, 0);
}

// Printing stays off (no blanks) so queued jobs stay queued while the test looks.
const idleFleet = () => oneStationFleet({ emulator: { stock: { feeder: 0 } } });

describe('a NIK has at most one active job', () => {
  it('answers a second submission with 409 and the existing job, storing nothing', async () => {
    test = await startTestDaemon({ config: idleFleet() });
    const first = await test.submit(resident(1));
    const second = await test.submit({ ...resident(1), priority: 'walk-in' });
    expect(second.status).toBe(409);
    expect(second.body.error).toBe('JOB_DUPLICATE');
    expect(second.body.problems).toEqual([`job: ${first.body.id} (queued)`]);
    expect(JSON.stringify(second.body)).not.toContain(resident(1).nik);
    expect(await queued(test)).toBe(1);
  });

  it('answers a retried submission with the same requestId the same way, storing nothing new', async () => {
    test = await startTestDaemon({ config: idleFleet() });
    const first = await test.submit(resident(2, { requestId: 'counter-3:0042' }));
    const again = await test.submit(resident(2, { requestId: 'counter-3:0042' }));
    expect(again).toEqual(first);
    expect(await queued(test)).toBe(1);

    const reused = await test.submit(resident(3, { requestId: 'counter-3:0042' }));
    expect(reused.status).toBe(409);
    expect(reused.body.error).toBe('REQUEST_ID_REUSED');
    expect(await queued(test)).toBe(1);
  });
});

describe('a printed NIK is locked', () => {
  it('refuses a new job until a reprint is authorised with a reason, and one authorisation is one card', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const person = resident(4);
    const first = String((await test.submit(person)).body.id);
    await waitForJob(test, first, ['printed']);

    const refused = await test.submit(person);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('NIK_LOCKED');

    const badReason = await test.post('/api/reprints', { nik: person.nik, reason: 'because' });
    expect(badReason.status).toBe(400);
    const authorised = await test.post('/api/reprints', { nik: person.nik, reason: 'lost' });
    expect(authorised.status).toBe(201);
    expect(authorised.body).toMatchObject({ nik: `${person.nik.slice(0, 6)}**********`, reason: 'lost' });

    const reprint = await test.submit(person);
    expect(reprint.status).toBe(201);
    const journal = (await test.get(`/api/jobs/${reprint.body.id}`)).body.journal as Array<{
      detail: string | null;
    }>;
    expect(journal[0]?.detail).toBe('reprint');
    await waitForJob(test, String(reprint.body.id), ['printed']);

    expect((await test.submit(person)).body.error).toBe('NIK_LOCKED');
  });

  it('refuses a reprint for a NIK that was never printed', async () => {
    test = await startTestDaemon({ config: idleFleet() });
    const response = await test.post('/api/reprints', { nik: resident(5).nik, reason: 'spoiled' });
    expect(response.status).toBe(409);
    expect(response.body.error).toBe('NOT_PRINTED');
    expect(JSON.stringify(response.body)).not.toContain(resident(5).nik);
  });
});
