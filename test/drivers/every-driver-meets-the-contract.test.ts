import { describe, expect, it } from 'vitest';
import createDirect from '../../drivers/emulator/direct.js';
import type { EmulatedMachine } from '../../drivers/emulator/machine.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import type { DriverFactory, PrinterDriver, PrinterStatus } from '../../src/drivers/driver.js';
import { loadDriver } from '../../src/drivers/registry.js';
import { isCetakError } from '../../src/errors.js';
import { driverContext } from '../helpers/driver-context.js';

/**
 * The driver conformance suite: what the daemon relies on from every driver, run against each
 * one that can run here (the protocol driver over a memory link to the emulator, and the emulator
 * without the protocol).
 */
// The `emulator` driver exists only as the registry assembles it (protocol driver + emulator).
const createEmulator = await loadDriver('emulator');

const DRIVERS: Array<[string, DriverFactory]> = [
  ['emulator (Evolis protocol driver over a memory link, extensions and chip station on)', createEmulator],
  ['emulator-direct', createDirect],
];

const card = { jobId: 'conformance-1', fields: { name: 'SINTETIS' } };

async function setUp(factory: DriverFactory, emulator: Record<string, unknown> = {}) {
  const clock = new VirtualClock();
  // As the default fleet's stations: the printer answers Cetak's extensions (temperatures,
  // heater) and its contactless station personalises the chip. A printer that speaks only the
  // guide is held to the contract in test/drivers/evolis/ and test/integration/.
  const station = { id: 'conf', chip: { encoder: 'emulated' }, emulator: { extensions: true, ...emulator } };
  const driver = factory(driverContext({ clock, station }));
  const machine = (driver as unknown as { machine: EmulatedMachine }).machine;
  return { clock, driver, machine };
}

async function warm(clock: VirtualClock, driver: PrinterDriver): Promise<void> {
  const warming = driver.warmUp();
  await clock.until(() => driver.status().state === 'ready', 10 * 60_000);
  await warming;
}

async function print(clock: VirtualClock, driver: PrinterDriver) {
  const printing = driver.printCard(card);
  let settled = false;
  printing.finally(() => {
    settled = true;
  });
  await clock.until(() => settled, 10 * 60_000);
  return printing;
}

describe.each(DRIVERS)('driver %s', (_name, factory) => {
  it('connects, names the printer and reports it in standby with no problems', async () => {
    const { driver } = await setUp(factory);
    const identity = await driver.connect();
    expect(identity.model).not.toBe('');
    expect(identity.serial).not.toBe('');
    expect(identity.firmware).not.toBe('');
    expect(driver.status()).toMatchObject({ state: 'standby', problems: [] });
    await driver.close();
  });

  it('warms up to ready, reporting temperatures on the way', async () => {
    const { clock, driver } = await setUp(factory);
    await driver.connect();
    const seen: PrinterStatus[] = [];
    driver.onStatus((status) => seen.push(status));
    await warm(clock, driver);
    expect(seen.map((s) => s.state)).toContain('ready');
    expect(driver.status().temperatures.rollerC).toBeGreaterThanOrEqual(160);
    expect(driver.status().temperatures.internalC).toBeGreaterThan(25);
    await driver.close();
  });

  it('prints a card with a chip UID and uses one blank', async () => {
    const { clock, driver } = await setUp(factory);
    await driver.connect();
    await warm(clock, driver);
    const before = driver.status().consumables.blanksRemaining ?? Number.NaN;
    const outcome = await print(clock, driver);
    expect(outcome).toEqual({ result: 'printed', chipUid: expect.stringMatching(/^04[0-9A-F]{12}$/) });
    expect(driver.status().consumables.blanksRemaining).toBe(before - 1);
    await driver.close();
  });

  it('reports a spoiled card with its reason', async () => {
    const { clock, driver, machine } = await setUp(factory);
    await driver.connect();
    await warm(clock, driver);
    const printing = print(clock, driver);
    await clock.advance(10_000);
    machine.trigger('chip-error');
    expect(await printing).toMatchObject({ result: 'spoiled', reason: 'chip-error' });
    await driver.close();
  });

  it('refuses to warm with a blocking problem, and a card then does not start or use a blank', async () => {
    const { clock, driver } = await setUp(factory, { stock: { feeder: 0 } });
    await driver.connect();
    expect(driver.status().problems).toContain('feeder-empty');
    const error = await driver.warmUp().catch((e: unknown) => e);
    expect(isCetakError(error, 'DRIVER_NOT_READY')).toBe(true);
    const outcome = await print(clock, driver);
    expect(outcome.result).toBe('not-started');
    expect(driver.status().consumables.blanksRemaining).toBe(0);
    await driver.close();
  });

  it('switches its heater off on standby', async () => {
    const { clock, driver } = await setUp(factory);
    await driver.connect();
    await warm(clock, driver);
    await driver.standby();
    await clock.advance(1_000);
    expect(driver.status().state).toBe('standby');
    await driver.close();
  });

  it('stops reporting to an unsubscribed listener, and refuses work once closed', async () => {
    const { clock, driver } = await setUp(factory);
    await driver.connect();
    let calls = 0;
    const unsubscribe = driver.onStatus(() => {
      calls++;
    });
    unsubscribe();
    await warm(clock, driver);
    expect(calls).toBe(0);
    await driver.close();
    expect(driver.status().state).toBe('off');
    const error = await driver.printCard(card).catch((e: unknown) => e);
    expect(isCetakError(error, 'DRIVER_CLOSED')).toBe(true);
  });
});
