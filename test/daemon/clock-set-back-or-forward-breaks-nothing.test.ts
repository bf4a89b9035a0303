import { afterEach, describe, expect, it } from 'vitest';
import { oneStationFleet } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

const HOUR = 60 * 60_000;

describe('an NTP correction on the print PC', () => {
  it('set back an hour mid-queue: cards keep coming, temperatures keep flowing, the day counts every card once', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const ids: string[] = [];
    for (let seed = 1; seed <= 6; seed++) ids.push(String((await test.submit(resident(seed))).body.id));
    await waitForJob(test, String(ids[1]), ['printed']);

    test.clock.jump(-HOUR);
    const temperaturesAfter: number[] = [];
    test.daemon.events.subscribe(({ event }) => {
      if (event.type === 'temperature') temperaturesAfter.push(test.clock.now());
    });
    for (const id of ids) expect((await waitForJob(test, id, ['printed'])).state).toBe('printed');
    expect(temperaturesAfter.length).toBeGreaterThan(2);

    const status = (await test.get('/api/status')).body as {
      stations: Array<{ today: { printed: number } }>;
    };
    expect(status.stations[0]?.today.printed).toBe(6);
    const report = (await test.get('/api/reports/daily')).body as {
      stations: Array<{ id: string; good: number }>;
    };
    expect(report.stations.find((s) => s.id === 'sbu1-a')?.good).toBe(6);
    const chart = (await test.get('/api/temperatures')).body as {
      stations: Record<string, Array<{ at: string }>>;
    };
    const times = (chart.stations['sbu1-a'] ?? []).map((r) => Date.parse(r.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(test.clock.now());
  });

  it('set forward three hours: nothing fires early or twice, and printing goes on', async () => {
    test = await startTestDaemon({ config: oneStationFleet() });
    const first = String((await test.submit(resident(1))).body.id);
    await waitForJob(test, first, ['printed']);
    test.clock.jump(3 * HOUR);
    const ids: string[] = [];
    for (let seed = 2; seed <= 4; seed++) ids.push(String((await test.submit(resident(seed))).body.id));
    for (const id of ids) expect((await waitForJob(test, id, ['printed'])).state).toBe('printed');
    const journal = (await test.get(`/api/jobs/${ids[0]}`)).body.journal as Array<{ to: string }>;
    expect(journal.map((t) => t.to)).toEqual(['queued', 'printing', 'printed']);
  });
});
