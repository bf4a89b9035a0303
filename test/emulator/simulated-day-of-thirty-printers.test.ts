import { pino } from 'pino';
import { expect, it } from 'vitest';
import { createDirectDriver } from '../../drivers/emulator/direct.js';
import type { DirectDriver } from '../../drivers/emulator/direct-driver.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { driverContext } from '../helpers/driver-context.js';
import { profile, START } from './emulator-scene.js';

const PRINTERS = 30;
const CARDS_EACH = 160; // a station's daily target
const card = { jobId: 'sim', fields: {} };

it('runs a Palembang working day of 30 printers, 160 cards each, on the virtual clock', async () => {
  const clock = new VirtualClock(START + 3_600_000); // 08:00 WIB
  const log = pino({ level: 'silent' });
  const drivers: DirectDriver[] = [];
  for (let i = 0; i < PRINTERS; i++) {
    drivers.push(
      createDirectDriver(driverContext({ clock, log, station: { id: `st-${i}` }, profile }), {
        ambient: 'palembang-hot-day',
        seed: i + 1,
      }),
    );
  }
  const tally = { printed: 0, spoiled: 0, overheats: 0 };
  let finished = 0;
  const lastCardAt: number[] = [];

  const work = async (driver: DirectDriver) => {
    await driver.connect();
    let printed = 0;
    while (printed < CARDS_EACH) {
      try {
        await driver.warmUp();
      } catch {
        // Shut off to cool, or out of blanks / hopper full: the attendant restocks, try in a minute.
        driver.machine.operate('load-blanks');
        driver.machine.operate('empty-hopper');
        await clock.sleep(60_000);
        continue;
      }
      const outcome = await driver.printCard(card);
      if (outcome.result === 'printed') printed++;
      else if (outcome.result === 'spoiled') tally.spoiled++;
      if (outcome.result === 'spoiled' && outcome.reason === 'overheat') tally.overheats++;
      if (outcome.result === 'not-started') {
        driver.machine.operate('load-blanks');
        driver.machine.operate('empty-hopper');
      }
    }
    tally.printed += printed;
    lastCardAt.push(clock.now());
    finished++;
  };

  const running = Promise.all(drivers.map(work));
  await clock.advance(12 * 3_600_000);
  await running;

  expect(finished).toBe(PRINTERS);
  expect(tally.printed).toBe(PRINTERS * CARDS_EACH);
  // Back to back through the afternoon heat, every printer shuts itself off at least once.
  expect(tally.overheats).toBeGreaterThanOrEqual(PRINTERS);
  expect(Math.max(...lastCardAt)).toBeLessThan(START + 14 * 3_600_000);
  for (const driver of drivers) await driver.close();
  expect(clock.pendingTimers).toBe(0);
});
