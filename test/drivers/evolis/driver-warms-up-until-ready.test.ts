import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { HEALTHY, NO_EXTENSIONS } from './fake-printer.js';
import { evolisScene, rejectionOf, track } from './scene.js';

/** The status read after READY: state, problems, counters, temperatures. */
const FULL_READ = ['Rst', 'Rpb', 'Rco', 'Xt'];

describe('evolis driver warm-up', () => {
  it('switches the heater on, then asks Rst every 2 s until READY', async () => {
    const { driver, printer, clock, statuses } = evolisScene({ ...HEALTHY, Rst: 'STANDBY' });
    await driver.connect();
    printer.received.length = 0;
    printer.once('Rst', 'WARMING', 'WARMING').set('Rst', 'READY');
    const warming = track(driver.warmUp());
    await clock.advance(3_999);
    expect(warming.settled()).toBe(false);
    await clock.advance(1);
    expect(warming.settled()).toBe(true);
    expect(warming.error()).toBeUndefined();
    // Once READY, one full status read so temperatures and counters match the state.
    expect(printer.names(true)).toEqual(['Xh;1', 'Rst', 'Rst', 'Rst', ...FULL_READ]);
    expect(statuses.map((s) => s.state)).toEqual(['standby', 'warming', 'ready']);
  });

  it('sends Xh;1 even when already ready, to keep the printer warm', async () => {
    const { driver, printer } = evolisScene();
    await driver.connect();
    printer.received.length = 0;
    await driver.warmUp();
    expect(printer.names(true)).toEqual(['Xh;1', 'Rst', ...FULL_READ]);
  });

  it('switches the heater on again if the printer falls back to standby', async () => {
    const { driver, printer, clock } = evolisScene({ ...HEALTHY, Rst: 'STANDBY' });
    await driver.connect();
    printer.received.length = 0;
    printer.once('Rst', 'STANDBY', 'WARMING').set('Rst', 'READY');
    const warming = driver.warmUp();
    await clock.advance(4_000);
    await warming;
    expect(printer.names(true)).toEqual(['Xh;1', 'Rst', 'Xh;1', 'Rst', 'Rst', ...FULL_READ]);
  });

  it('refuses at once when the printer is overheated', async () => {
    const { driver, printer } = evolisScene({ ...HEALTHY, Rst: 'OVERHEAT' });
    await driver.connect();
    printer.received.length = 0;
    expect(isCetakError(await rejectionOf(driver.warmUp()), 'DRIVER_NOT_READY')).toBe(true);
    expect(printer.names()).toEqual([]);
  });

  it('refuses when a card it did not start is still inside', async () => {
    const { driver } = evolisScene({ ...HEALTHY, Rst: 'PRINTING' });
    await driver.connect();
    const error = await rejectionOf(driver.warmUp());
    expect(isCetakError(error, 'DRIVER_NOT_READY')).toBe(true);
    expect((error as Error).message).toContain('printing');
  });

  it('refuses when Xh;1 is refused, and reads the status again', async () => {
    const { driver, printer } = evolisScene({ ...HEALTHY, Rst: 'STANDBY' });
    await driver.connect();
    printer.set('Xh', 'ERR OVERHEAT').set('Rst', 'OVERHEAT');
    const error = await rejectionOf(driver.warmUp());
    expect(isCetakError(error, 'DRIVER_NOT_READY')).toBe(true);
    expect((error as Error).message).toContain('OVERHEAT');
    expect(driver.status().state).toBe('overheated');
  });

  it('gives up when the printer overheats while warming', async () => {
    const { driver, printer, clock } = evolisScene({ ...HEALTHY, Rst: 'WARMING' });
    await driver.connect();
    const warming = rejectionOf(driver.warmUp());
    await clock.advance(2_000);
    printer.set('Rst', 'OVERHEAT');
    await clock.advance(2_000);
    expect(isCetakError(await warming, 'DRIVER_NOT_READY')).toBe(true);
  });

  it('refuses with a blocking problem, but not for a chip error', async () => {
    const { driver, printer, clock } = evolisScene({ ...HEALTHY, Rpb: 'COVER OPEN' });
    await driver.connect();
    const error = await rejectionOf(driver.warmUp());
    expect(isCetakError(error, 'DRIVER_NOT_READY')).toBe(true);
    expect((error as Error).message).toContain('cover-open');
    printer.set('Rpb', 'CHIP');
    await clock.advance(10_000);
    await driver.warmUp();
  });

  it('rejects with the abort reason', async () => {
    const { driver, clock } = evolisScene({ ...HEALTHY, Rst: 'WARMING' });
    await driver.connect();
    const abort = new AbortController();
    const warming = rejectionOf(driver.warmUp(abort.signal));
    await clock.advance(5_000);
    const reason = new Error('station stopping');
    abort.abort(reason);
    expect(await warming).toBe(reason);
  });

  it('without extensions: resolves at once in STANDBY, as the printer heats when Ss comes', async () => {
    const { driver, printer } = evolisScene({ ...NO_EXTENSIONS, Rst: 'STANDBY' });
    await driver.connect();
    printer.received.length = 0;
    await driver.warmUp();
    expect(printer.names()).toEqual(['Rst', 'Rst', 'Rpb', 'Rco']);
  });

  it('without extensions: waits out WARMING, asking Rst until READY', async () => {
    const { driver, printer, clock } = evolisScene({ ...NO_EXTENSIONS, Rst: 'WARMING' });
    await driver.connect();
    printer.received.length = 0;
    const warming = track(driver.warmUp());
    await clock.advance(6_000);
    expect(warming.settled()).toBe(false);
    printer.set('Rst', 'READY');
    await clock.advance(2_000);
    expect(warming.settled()).toBe(true);
    expect(printer.names()).not.toContain('Xh');
  });

  it('standby switches the heater off (and does nothing without extensions)', async () => {
    const withExt = evolisScene();
    await withExt.driver.connect();
    withExt.printer.received.length = 0;
    withExt.printer.set('Rst', 'STANDBY');
    await withExt.driver.standby();
    expect(withExt.printer.names(true)).toEqual(['Xh;0', 'Rst']);
    expect(withExt.driver.status().state).toBe('standby');

    const without = evolisScene(NO_EXTENSIONS);
    await without.driver.connect();
    without.printer.received.length = 0;
    await without.driver.standby();
    expect(without.printer.names()).toEqual(['Rst']);
  });

  it('refuses before connecting, and with LINK_LOST after the link is lost', async () => {
    const { driver, printer, clock } = evolisScene();
    expect(isCetakError(await rejectionOf(driver.warmUp()), 'DRIVER_NOT_READY')).toBe(true);
    await driver.connect();
    await printer.disconnect();
    await clock.settle();
    expect(isCetakError(await rejectionOf(driver.warmUp()), 'LINK_LOST')).toBe(true);
  });
});
