import { afterEach, describe, expect, it } from 'vitest';
import { machineOf } from '../helpers/emulated-station.js';
import {
  resident,
  startTestDaemon,
  TEST_FLEET,
  type TestDaemon,
  waitForJob,
} from '../helpers/test-daemon.js';

type AlertView = {
  id: number;
  code: string;
  station: string | null;
  active: boolean;
  message: string;
  detail: { printerCounted: number; booksCounted: number; difference: number; jobIds: string[] } | null;
};

const FLEET = { ...TEST_FLEET, daemon: { reconcileEveryCards: 2 } };

describe('stock reconciliation', () => {
  let test: TestDaemon;
  afterEach(() => test?.dispose());

  it('a blank fed behind Cetak’s back raises STOCK_MISMATCH with both counts and job ids; a count clears it', async () => {
    test = await startTestDaemon({ config: FLEET });
    const machine = machineOf(test, 'sbu1-a');
    // The truth comes from the emulator: someone fed (and rejected) a blank with the vendor's tool.
    const before = machine.cardsInserted;
    expect(machine.insert().ok).toBe(true);
    expect(machine.reject().ok).toBe(true);
    expect(machine.cardsInserted).toBe(before + 1);

    const ids: string[] = [];
    for (let seed = 50; seed < 54; seed++) {
      const submitted = await test.submit(resident(seed));
      ids.push(String(submitted.body.id));
    }
    const jobs = [];
    for (const id of ids) jobs.push(await waitForJob(test, id, ['printed']));
    await test.clock.advance(1000);

    const alerts = (await test.get('/api/alerts')).body.alerts as AlertView[];
    const mismatch = alerts.find((a) => a.code === 'STOCK_MISMATCH' && a.active);
    expect(mismatch?.station).toBe('sbu1-a');
    const printedHere = jobs.filter((j) => j.stationId === 'sbu1-a').map((j) => String(j.id));
    expect(mismatch?.detail?.printerCounted).toBe(printedHere.length + 1);
    expect(mismatch?.detail?.booksCounted).toBe(printedHere.length);
    expect(mismatch?.detail?.difference).toBe(1);
    expect(new Set(mismatch?.detail?.jobIds)).toEqual(new Set(printedHere));
    // Ids only: no resident's NIK or name anywhere in the alert.
    const text = JSON.stringify(mismatch);
    for (let seed = 50; seed < 54; seed++) {
      expect(text).not.toContain(resident(seed).nik);
      expect(text).not.toContain(resident(seed).name);
    }
    // The other station's books agree with its printer.
    expect(alerts.some((a) => a.code === 'STOCK_MISMATCH' && a.station === 'sbu1-b')).toBe(false);

    // The operator counts the blanks: who, what and when are kept, and the mismatch is over.
    const bad = await test.post('/api/stations/sbu1-a/stock-count', { counted: 10 });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toContain('by');
    const counted = await test.post('/api/stations/sbu1-a/stock-count', { counted: 180, by: 'Siti Rahma' });
    expect(counted.status).toBe(201);
    expect(counted.body).toMatchObject({ station: 'sbu1-a', counted: 180, by: 'Siti Rahma' });
    const after = (await test.get('/api/alerts')).body.alerts as AlertView[];
    expect(after.find((a) => a.id === mismatch?.id)?.active).toBe(false);

    test = await test.restart();
    const stock = (await test.get('/api/stock')).body as {
      counts: Array<{ station: string; counted: number; by: string; at: string }>;
    };
    expect(stock.counts).toEqual([
      expect.objectContaining({ station: 'sbu1-a', counted: 180, by: 'Siti Rahma' }),
    ]);
  }, 60_000);
});
