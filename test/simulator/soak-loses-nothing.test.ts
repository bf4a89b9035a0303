import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { runSimulation } from '../../src/simulator/simulation.js';
import { type FaultRate, withSeededFaults } from '../../src/simulator/soak-faults.js';
import { scenario } from './sim-scene.js';

// As config/palembang.yaml's: the printers answer Cetak's extensions, so the stock books open
// with each printer's own count (a guide-only printer's are opened by the operator's first load).
const station = (id: string) => ({
  id,
  driver: 'emulator',
  profile: 'retransfer-ref',
  chip: { encoder: 'emulated' },
  emulator: { extensions: true },
});

/** Three printers, two kecamatan: one office with two printers sharing its queue, one with one. */
const fleet = parseConfig({
  site: {
    name: 'Soak test',
    timezone: 'Asia/Jakarta',
    ambient: 'palembang-hot-day',
    serviceHours: { open: '08:00', close: '16:00' },
  },
  kecamatan: [
    { id: 'alpha', name: 'Alpha', stations: [station('a-1'), station('a-2')] },
    { id: 'beta', name: 'Beta', stations: [station('b-1')] },
  ],
});

/** Far more often than the month-long soak's: two days must show every kind of trouble. */
const AGGRESSIVE: readonly FaultRate[] = [
  { fault: 'chip-error', probability: 0.01 },
  { fault: 'card-jam', probability: 0.005 },
  { fault: 'ribbon-break', probability: 0.003 },
  { fault: 'no-reply', probability: 1e-3, seconds: 60 },
  { fault: 'slow-reply', probability: 5e-4, seconds: 5 },
  { fault: 'garbage', probability: 1e-3 },
  { fault: 'drop-connection', probability: 1e-3 },
  { fault: 'printer-reset', probability: 5e-4 },
];

it('loses no job and no blank through two days of printer and link faults', async () => {
  const { report, audit } = await runSimulation({
    config: withSeededFaults(fleet, AGGRESSIVE),
    scenario: scenario({ backlog: 250, walkIns: { perHour: 6 } }),
    days: 2,
    driver: 'emulator',
    store: 'file-unsynced',
    audit: true,
  });
  if (!audit) throw new Error('no audit');

  // Faults did happen: spoiled cards for more than one reason, link faults, cards in doubt.
  const reasons = new Set(report.stations.flatMap((s) => Object.keys(s.spoiledBy)));
  expect(reasons.size).toBeGreaterThanOrEqual(2);
  expect(Object.values(audit.replies.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  expect(audit.reconnects).toBeGreaterThan(0);
  expect(audit.uncertain.seen).toBeGreaterThan(0);

  // Every submitted job is in the store in some state; every card in doubt was settled by looking.
  expect(audit.jobs.submitted).toBeGreaterThan(500);
  expect(audit.jobs.lost).toBe(0);
  expect(audit.jobs.byState.printed).toBe(report.totals.printed);
  expect(audit.uncertain).toMatchObject({ left: 0, noCard: 0 });
  expect(audit.uncertain.asPrinted + audit.uncertain.asSpoiled).toBe(audit.uncertain.seen);
  expect(audit.orphanFeeds).toBe(0);

  // Every station's blanks: the books balance, and agree with the printer's feeder and hopper.
  expect(audit.books).toHaveLength(3);
  for (const books of audit.books) {
    expect(books.good, books.id).toBeGreaterThan(100);
    expect(books.loaded, books.id).toBe(books.good + books.spoiled + books.unresolved + books.inPrinter);
    expect(books.inPrinter, `${books.id} feeder`).toBe(books.feeder);
    expect(books.good, `${books.id} hopper`).toBe(books.hopperCards);
  }
  expect(audit.unreconciled).toBe(0);
  expect(audit.unaccountedBlanks).toBe(0);
  // ≈ 5 s on an idle two-core machine; room for a busy one.
}, 60_000);
