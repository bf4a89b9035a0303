import { expect } from 'vitest';
import type { TestDaemon } from './test-daemon.js';

interface Books {
  loaded: number;
  good: number;
  spoiled: number;
  unresolved: number;
  inPrinter: number;
}

/**
 * The blank-card books of every station reconcile — loaded = good + spoiled + unresolved + in the
 * printer — and what the books say is in the printer is what the printer itself counts. (An
 * in-process emulator starts afresh when its daemon restarts, unlike a real printer; tests that
 * restart compare the books alone.)
 */
export async function expectLedgerReconciles(
  test: TestDaemon,
  options = { compareFeeder: true },
): Promise<void> {
  for (const station of test.daemon.stations) {
    const { blanks } = (await test.get(`/api/stations/${station.id}/ledger`)).body as unknown as {
      blanks: Books;
    };
    expect(blanks.loaded, `${station.id} books`).toBe(
      blanks.good + blanks.spoiled + blanks.unresolved + blanks.inPrinter,
    );
    const counted = station.printer?.consumables.blanksRemaining;
    if (options.compareFeeder && counted !== undefined)
      expect(blanks.inPrinter, `${station.id} feeder`).toBe(counted);
  }
}
