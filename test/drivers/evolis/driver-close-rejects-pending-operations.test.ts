import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { SILENT } from './fake-printer.js';
import { CARD, evolisScene, rejectionOf } from './scene.js';

describe('evolis driver close', () => {
  it('rejects a card in progress with DRIVER_CLOSED and closes the link', async () => {
    const { driver, printer, clock } = evolisScene({ table: { Se: SILENT } });
    await driver.connect();
    const printing = rejectionOf(driver.printCard(CARD));
    await clock.settle();
    expect(printer.names().at(-1)).toBe('Se');
    await driver.close();
    expect(isCetakError(await printing, 'DRIVER_CLOSED')).toBe(true);
    expect(driver.status()).toEqual({ state: 'off', problems: [], temperatures: {}, consumables: {} });
    expect(clock.pendingTimers).toBe(0);
    const sent = printer.received.length;
    await printer.send('OK\r');
    await clock.advance(60 * 60_000);
    expect(printer.received.length).toBe(sent);
  });

  it('rejects a warm-up in progress, and every later operation', async () => {
    const { driver, clock } = evolisScene({
      extensions: true,
      table: { Xt: 'internal=30.0;roller=90.0;heater=1' },
    });
    await driver.connect();
    const warming = rejectionOf(driver.warmUp());
    await clock.advance(3_000);
    await driver.close();
    await clock.advance(2_000);
    expect(isCetakError(await warming, 'DRIVER_CLOSED')).toBe(true);
    expect(isCetakError(await rejectionOf(driver.warmUp()), 'DRIVER_CLOSED')).toBe(true);
    expect(isCetakError(await rejectionOf(driver.standby()), 'DRIVER_CLOSED')).toBe(true);
    expect(isCetakError(await rejectionOf(driver.printCard(CARD)), 'DRIVER_CLOSED')).toBe(true);
    expect(isCetakError(await rejectionOf(driver.operatorDid('cover-closed')), 'DRIVER_CLOSED')).toBe(true);
  });

  it('rejects a connect in progress', async () => {
    const { driver, clock } = evolisScene({ table: { Rfv: SILENT } });
    const connecting = rejectionOf(driver.connect());
    await clock.settle();
    await driver.close();
    expect(isCetakError(await connecting, 'DRIVER_CLOSED')).toBe(true);
  });

  it('may connect again afterwards', async () => {
    const { driver, printer } = evolisScene();
    await driver.connect();
    await driver.close();
    await driver.connect();
    expect(printer.opened).toBe(2);
    expect(driver.status().state).toBe('standby');
    expect(await driver.printCard(CARD)).toEqual({ result: 'printed' });
  });
});
