import { describe, expect, it } from 'vitest';
import { createDirectDriver } from '../../drivers/emulator/direct.js';
import type { FaultName } from '../../drivers/emulator/emulator-schema.js';
import { consoleCommand } from '../../drivers/emulator/operator-console.js';
import { chipUid } from '../../src/chip/chip-uid.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import type { PrintOutcome } from '../../src/drivers/driver.js';
import { driverContext } from '../helpers/driver-context.js';
import { profile, START } from './emulator-scene.js';

const card = { jobId: 'j', fields: { name: 'SINTETIS' } };

async function readyDriver(emulator: unknown = {}) {
  const clock = new VirtualClock(START);
  const driver = createDirectDriver(driverContext({ clock, station: { id: 'a' }, profile }), emulator);
  await driver.connect();
  const warming = driver.warmUp();
  await clock.advance(163_000);
  await warming;
  return { clock, driver };
}

async function printWith(fault: FaultName): Promise<PrintOutcome> {
  const { clock, driver } = await readyDriver({ faults: [{ fault, atCard: 1 }] });
  const printing = driver.printCard(card);
  await clock.advance(70_000);
  return printing;
}

describe('direct driver: outcomes from the machine', () => {
  it.each([
    ['chip-error', 'chip-error'],
    ['printer-reset', 'printer-reset'],
  ] as const)('%s at card 1 spoils it as %s, before its chip is done', async (fault, reason) => {
    expect(await printWith(fault)).toEqual({ result: 'spoiled', reason });
  });

  // The chip goes first: a card spoiled in the print has a personalised chip the host must void.
  it.each([
    ['card-jam', 'card-jam'],
    ['ribbon-break', 'ribbon-break'],
    ['cover-open', 'printer-error'],
  ] as const)('%s at card 1 spoils it as %s, with the UID of its chip', async (fault, reason) => {
    expect(await printWith(fault)).toEqual({ result: 'spoiled', reason, chipUid: chipUid('EMU-a', 1) });
  });

  it('a jammed card is reported as jammed, not with the reason of the spoiled card before it', async () => {
    const { clock, driver } = await readyDriver({
      faults: [
        { fault: 'chip-error', atCard: 1 },
        { fault: 'card-jam', atCard: 2 },
      ],
    });
    const first = driver.printCard(card);
    await clock.advance(70_000);
    expect(await first).toEqual({ result: 'spoiled', reason: 'chip-error' });
    const second = driver.printCard(card);
    await clock.advance(70_000);
    expect(await second).toEqual({ result: 'spoiled', reason: 'card-jam', chipUid: chipUid('EMU-a', 2) });
    expect(driver.status().problems).toEqual(['card-jam']);
  });

  it('link faults have nothing to act on without a link: the card prints', async () => {
    for (const fault of ['no-reply', 'slow-reply', 'garbage', 'drop-connection'] as const) {
      expect((await printWith(fault)).result).toBe('printed');
    }
  });

  it('reports problems, temperatures and consumables, and refuses to warm or feed without blanks', async () => {
    const clock = new VirtualClock(START);
    const driver = createDirectDriver(driverContext({ clock, station: { id: 'a' }, profile }), {
      stock: { feeder: 0 },
      printer: { reportsTemperatures: true },
    });
    await driver.connect();
    expect(driver.status()).toMatchObject({
      state: 'standby',
      problems: ['feeder-empty'],
      temperatures: { internalC: 30, rollerC: 30 },
      consumables: { blanksRemaining: 0 },
    });
    await expect(driver.warmUp()).rejects.toMatchObject({ code: 'DRIVER_NOT_READY' });
    expect(await driver.printCard(card)).toEqual({ result: 'not-started', reason: 'feeder empty' });
    expect(consoleCommand(driver.machine, 'load-blanks 3')).toBe('load-blanks: done');
    expect(driver.status().problems).toEqual([]);
  });

  it('rejects a card in progress as outcome unknown when closed under it', async () => {
    const { clock, driver } = await readyDriver();
    const printing = driver.printCard(card).then(
      () => 'resolved',
      (error: { code?: string }) => error.code,
    );
    await clock.advance(10_000);
    await driver.close();
    expect(await printing).toBe('DRIVER_CLOSED');
  });

  it('refuses to warm up with a card left inside, and reports consumables as cards go', async () => {
    const { clock, driver } = await readyDriver();
    const seen: Array<number | undefined> = [];
    driver.onStatus((status) => seen.push(status.consumables.hopperSpace));
    const printing = driver.printCard(card);
    await clock.advance(65_000);
    await printing;
    expect(seen.at(-1)).toBe(99);
    driver.machine.insert(); // someone fed a blank behind the driver's back
    const refused = await driver.warmUp().then(
      () => 'warm',
      (error: { code?: string }) => error.code,
    );
    expect(refused).toBe('DRIVER_NOT_READY');
  });

  it('the operator console takes actions and faults, and says what it does not know', async () => {
    const { driver } = await readyDriver();
    const m = driver.machine;
    expect(consoleCommand(m, 'fault cover-open 10')).toBe('fault cover-open for 10 s');
    expect(m.status().problems).toEqual(['cover-open']);
    expect(consoleCommand(m, 'close-cover')).toBe('close-cover: done');
    expect(consoleCommand(m, 'fault meteor')).toContain('unknown fault "meteor" (known: chip-error');
    expect(consoleCommand(m, 'dance')).toContain('unknown command "dance"');
    expect(consoleCommand(m, 'load-blanks many')).toBe('bad count "many"');
    expect(consoleCommand(m, 'status')).toMatch(/^state=ready problems=none internal=\d+\.\d roller=160\.4/);
    expect(consoleCommand(m, '   ')).toBe('');
  });
});
