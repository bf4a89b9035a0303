import { afterEach, describe, expect, it } from 'vitest';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

describe('a submitted job', () => {
  let test: TestDaemon;
  afterEach(() => test?.dispose());

  it('is warmed for, printed with a chip UID, and counted for today', async () => {
    test = await startTestDaemon();
    const submitted = await test.submit(resident(1));
    expect(submitted.status).toBe(201);
    expect(submitted.body.state).toBe('queued');
    const id = String(submitted.body.id);

    const job = await waitForJob(test, id, ['printed', 'spoiled']);
    expect(job.state).toBe('printed');
    expect(job.chipUid).toMatch(/^04[0-9A-F]{12}$/);
    expect(job.nik).toMatch(/^\d{6}\*{10}$/);
    // Cold roller (162.5 s, seen within the driver's 2 s status polling) then one card cycle (65 s).
    const started = Date.parse(String(job.startedAt));
    const finished = Date.parse(String(job.finishedAt));
    expect(finished - started).toBe(65_000);
    const warmUp = started - Date.parse(String(job.createdAt));
    expect(warmUp).toBeGreaterThanOrEqual(162_500);
    expect(warmUp).toBeLessThanOrEqual(164_500);
    expect((job.journal as Array<{ to: string }>).map((t) => t.to)).toEqual([
      'queued',
      'printing',
      'printed',
    ]);

    const status = (await test.get('/api/status')).body as {
      stations: Array<{
        id: string;
        today: { printed: number; spoiled: number; target: number };
        state: string;
      }>;
    };
    const printedBy = status.stations.find((s) => s.id === job.stationId);
    expect(printedBy?.today).toEqual({ printed: 1, spoiled: 0, target: 160 });
    expect(status.stations.reduce((n, s) => n + s.today.printed, 0)).toBe(1);
  });

  it('is spread over both stations of the kecamatan', async () => {
    test = await startTestDaemon();
    const ids: string[] = [];
    for (let seed = 10; seed < 14; seed++) ids.push(String((await test.submit(resident(seed))).body.id));
    const jobs = [];
    for (const id of ids) jobs.push(await waitForJob(test, id, ['printed']));
    expect(new Set(jobs.map((j) => j.stationId))).toEqual(new Set(['sbu1-a', 'sbu1-b']));
    expect(new Set(jobs.map((j) => j.chipUid)).size).toBe(4);
  });

  it('from a kecamatan without printers is printed at its parent', async () => {
    test = await startTestDaemon();
    const submitted = await test.submit(resident(20, { kecamatan: 'jakabaring' }));
    expect(submitted.status).toBe(201);
    const job = await waitForJob(test, String(submitted.body.id), ['printed']);
    expect(job.kecamatan).toBe('jakabaring');
    expect(['sbu1-a', 'sbu1-b']).toContain(job.stationId);
  });
});
