import { afterEach, expect, it } from 'vitest';
import { machineOf, oneStationFleet } from '../helpers/emulated-station.js';
import { expectLedgerReconciles } from '../helpers/ledger-check.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('books every blank — loaded, good, spoiled with its reason — and the books match the feeder', async () => {
  // Five blanks in the feeder: the books open with the printer's own count.
  test = await startTestDaemon({ config: oneStationFleet({ emulator: { stock: { feeder: 5 } } }) });
  const ids: string[] = [];
  for (let seed = 1; seed <= 7; seed++) ids.push(String((await test.submit(resident(seed))).body.id));

  await waitForJob(test, String(ids[0]), ['printing']);
  machineOf(test, 'sbu1-a').trigger('chip-error');
  await waitForJob(test, String(ids[4]), ['printed', 'spoiled']);
  await test.clock.advance(5 * 60_000);
  // Out of blanks: two jobs wait. The operator loads ten from a numbered batch and says so; the
  // emulated printer's feeder is filled by that report, as a real operator's hands would.
  expect((await test.get(`/api/jobs/${ids[6]}`)).body.state).toBe('queued');
  await expectLedgerReconciles(test);
  const loaded = await test.post('/api/stations/sbu1-a/blanks', { count: 10, batch: 'DUKCAPIL-2026-11-A' });
  expect(loaded.status).toBe(201);
  for (const id of ids) await waitForJob(test, id, ['printed', 'spoiled']);

  const { blanks } = (await test.get('/api/stations/sbu1-a/ledger')).body as {
    blanks: {
      loaded: number;
      good: number;
      spoiled: number;
      spoiledByReason: Record<string, number>;
      inPrinter: number;
    };
  };
  expect(blanks).toMatchObject({
    loaded: 15,
    good: 6,
    spoiled: 1,
    spoiledByReason: { 'chip-error': 1 },
    inPrinter: 8,
  });
  await expectLedgerReconciles(test);
});

it('reports the day per station and kecamatan, as JSON and as CSV', async () => {
  test = await startTestDaemon({ config: oneStationFleet() });
  const ids: string[] = [];
  for (let seed = 1; seed <= 3; seed++) ids.push(String((await test.submit(resident(seed))).body.id));
  await waitForJob(test, String(ids[0]), ['printing']);
  machineOf(test, 'sbu1-a').trigger('card-jam');
  await waitForJob(test, String(ids[0]), ['spoiled']);
  machineOf(test, 'sbu1-a').operate('clear-jam');
  for (const id of ids) await waitForJob(test, id, ['printed', 'spoiled']);

  const day = String((await test.get('/api/status')).body.day);
  const report = (await test.get(`/api/reports/daily?date=${day}`)).body as {
    date: string;
    stations: Array<Record<string, unknown>>;
    kecamatan: Array<Record<string, unknown>>;
  };
  expect(report.date).toBe(day);
  expect(report.stations).toEqual([
    {
      id: 'sbu1-a',
      kecamatan: 'seberang-ulu-i',
      good: 2,
      spoiled: 1,
      spoiledByReason: { 'card-jam': 1 },
      blanksRemaining: 97,
      target: 160,
      achievedPercent: 1.3,
    },
  ]);
  expect(report.kecamatan[0]).toMatchObject({ id: 'seberang-ulu-i', good: 2, spoiled: 1, target: 160 });

  const csv = await test.daemon.server.inject({
    method: 'GET',
    url: `/api/reports/daily?date=${day}&format=csv`,
  });
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.body.split('\r\n')).toEqual([
    'level,id,kecamatan,good,spoiled,spoiled_by_reason,blanks_remaining,target,achieved_percent',
    'station,sbu1-a,seberang-ulu-i,2,1,card-jam:1,97,160,1.3',
    'kecamatan,seberang-ulu-i,seberang-ulu-i,2,1,card-jam:1,97,160,1.3',
    '',
  ]);
  const otherDay = (await test.get('/api/reports/daily?date=2025-02-01')).body as {
    stations: Array<{ good: number }>;
  };
  expect(otherDay.stations[0]?.good).toBe(0);
  expect((await test.get('/api/reports/daily?date=2026-02-30')).status).toBe(400);
});
