import { afterEach, expect, it } from 'vitest';
import { machineOf, stationView } from '../helpers/emulated-station.js';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

// A printer that speaks only the guide (no extensions), already warm inside and of a model whose
// card adds 12 °C, paced first-in first-out so nothing holds the card back: the card's heat takes
// it over its 56 °C cut-off, it shuts itself off mid-card and goes silent. Cetak is told nothing — it sees silence with a card inside, shows the
// printer overheated, waits for it, and when it answers again reads from the printer's counters
// that the card was lost: spoiled, `overheat`. The next card prints once the printer is back.
it('a shut-off mid-card is seen as silence, shown as overheated, and booked as an overheat', async () => {
  test = await startTestDaemon({
    config: {
      site: {
        name: 'Overheat test',
        timezone: 'Asia/Jakarta',
        ambient: 30,
        serviceHours: { open: '00:00', close: '23:59' },
      },
      scheduler: { policy: 'fifo' },
      profiles: { 'hot-card': { thermal: { heatPerCardC: 12 } } },
      kecamatan: [
        {
          id: 'seberang-ulu-i',
          name: 'Seberang Ulu I',
          stations: [{ id: 'sbu1-a', driver: 'emulator', profile: 'hot-card', emulator: { initialC: 52 } }],
        },
      ],
    },
  });
  const machine = machineOf(test, 'sbu1-a');
  const first = String((await test.submit(resident(1))).body.id);
  const second = String((await test.submit(resident(2))).body.id);

  await test.clock.until(() => machine.state === 'overheated', 30 * 60_000, 1_000);
  expect(machine.lastCard).toMatchObject({ spoiledBy: 'overheat', fate: 'reject', printed: false });
  // Silent: the driver's next probe goes unanswered and the station shows it.
  await test.clock.until(
    async () => (await stationView(test, 'sbu1-a')).state === 'overheated',
    10 * 60_000,
    1_000,
  );

  const lost = await waitForJob(test, first, ['printed', 'spoiled', 'uncertain']);
  expect(lost).toMatchObject({ state: 'spoiled', spoilReason: 'overheat' });
  const journal = lost.journal as Array<{ to: string; detail: string | null }>;
  expect(journal.at(-1)?.detail).toMatch(/silent \d+ min mid-card/);
  expect(machine.state).not.toBe('overheated');
  expect((await waitForJob(test, second, ['printed', 'spoiled', 'uncertain'])).state).toBe('printed');
});
