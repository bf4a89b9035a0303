import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { CARD, evolisScene, rejectionOf, track } from './scene.js';

/** The status read of a printer with extensions. */
const READ = ['Rcr', 'Rco;l', 'Xt', 'Xco'];
const COLD = 'internal=30.0;roller=60.0;heater=0';
const heating = (roller: number) => `internal=31.0;roller=${roller}.0;heater=1`;

describe('evolis driver warm-up', () => {
  it('with extensions: Xh;1, then reads Xt every 2 s until the roller is in its band', async () => {
    const { driver, printer, clock, statuses } = evolisScene({ extensions: true, table: { Xt: COLD } });
    await driver.connect();
    expect(driver.status().state).toBe('standby');
    printer.clear();
    printer.once('Xt', heating(100), heating(140)).set('Xt', heating(165));
    const warming = track(driver.warmUp());
    await clock.advance(3_999);
    expect(warming.settled()).toBe(false);
    await clock.advance(1);
    expect(warming.settled()).toBe(true);
    expect(warming.error()).toBeUndefined();
    expect(printer.names(true)).toEqual(['Xh;1', ...READ, ...READ, ...READ]);
    expect(statuses.map((s) => [s.state, s.temperatures.rollerC])).toEqual([
      ['standby', 60],
      ['warming', 100],
      ['warming', 140],
      ['ready', 165],
    ]);
  });

  it('sends Xh;1 even when already ready, to keep the printer warm', async () => {
    const { driver, printer } = evolisScene({ extensions: true });
    await driver.connect();
    printer.clear();
    await driver.warmUp();
    expect(printer.names(true)).toEqual(['Xh;1', ...READ]);
  });

  it('without extensions: resolves at once and sends nothing, as the printer heats for the card', async () => {
    const { driver, printer } = evolisScene();
    await driver.connect();
    printer.clear();
    await driver.warmUp();
    expect(printer.names()).toEqual([]);
  });

  it('refuses at once when the printer is not answering', async () => {
    const { driver, printer, clock } = evolisScene({ extensions: true });
    await driver.connect();
    printer.silenceFor(60_000);
    await clock.advance(40_000);
    printer.clear();
    const error = await rejectionOf(driver.warmUp());
    expect(isCetakError(error, 'DRIVER_NOT_READY')).toBe(true);
    expect((error as Error).message).toContain('off');
    expect(printer.names()).toEqual([]);
  });

  it('refuses with a problem someone must fix', async () => {
    const { driver } = evolisScene({ extensions: true, table: { Ss: 'ERR COVER OPEN' } });
    await driver.connect();
    await driver.printCard(CARD);
    const error = await rejectionOf(driver.warmUp());
    expect(isCetakError(error, 'DRIVER_NOT_READY')).toBe(true);
    expect((error as Error).message).toContain('cover-open');
  });

  it('refuses when Xh;1 is refused', async () => {
    const { driver, printer } = evolisScene({ extensions: true, table: { Xt: COLD, Xh: 'ERR PARAM' } });
    await driver.connect();
    const error = await rejectionOf(driver.warmUp());
    expect(isCetakError(error, 'DRIVER_NOT_READY')).toBe(true);
    expect((error as Error).message).toContain('ERR PARAM');
    expect(printer.count('Xh')).toBe(1);
  });

  it('gives up when a problem appears while warming', async () => {
    const { driver, printer, clock } = evolisScene({ extensions: true, table: { Xt: heating(100) } });
    await driver.connect();
    const warming = rejectionOf(driver.warmUp());
    await clock.advance(2_000);
    printer.set('Rcr', 'ERR RIBBON');
    await clock.advance(2_000);
    const error = await warming;
    expect(isCetakError(error, 'DRIVER_NOT_READY')).toBe(true);
    expect((error as Error).message).toContain('ribbon-out');
  });

  it('rejects with the abort reason', async () => {
    const { driver, clock } = evolisScene({ extensions: true, table: { Xt: heating(100) } });
    await driver.connect();
    const abort = new AbortController();
    const warming = rejectionOf(driver.warmUp(abort.signal));
    await clock.advance(5_000);
    const reason = new Error('station stopping');
    abort.abort(reason);
    expect(await warming).toBe(reason);
  });

  it('standby switches the heater off with extensions, and only reads the status without', async () => {
    const withExt = evolisScene({ extensions: true });
    await withExt.driver.connect();
    withExt.printer.clear();
    withExt.printer.set('Xt', COLD);
    await withExt.driver.standby();
    expect(withExt.printer.names(true)).toEqual(['Xh;0', ...READ]);
    expect(withExt.driver.status().state).toBe('standby');

    const without = evolisScene();
    await without.driver.connect();
    without.printer.clear();
    await without.driver.standby();
    expect(without.printer.names(true)).toEqual(['Rcr', 'Rco;l']);
  });

  it('refuses before connecting, and with LINK_LOST after the link is lost', async () => {
    const { driver, printer, clock } = evolisScene({ extensions: true });
    expect(isCetakError(await rejectionOf(driver.warmUp()), 'DRIVER_NOT_READY')).toBe(true);
    await driver.connect();
    await printer.disconnect();
    await clock.settle();
    expect(isCetakError(await rejectionOf(driver.warmUp()), 'LINK_LOST')).toBe(true);
  });
});
