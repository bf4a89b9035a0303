import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { HEALTHY, NO_EXTENSIONS, SILENT } from './fake-printer.js';
import { evolisScene, rejectionOf } from './scene.js';

const CONSUMABLES = { ribbonRemaining: 488, filmRemaining: 988, blanksRemaining: 88, hopperSpace: 88 };

describe('evolis driver connect', () => {
  it('reads identity, finds the extensions and emits the full status', async () => {
    const { driver, printer, statuses } = evolisScene();
    expect(await driver.connect()).toEqual({
      model: 'Fake Retransfer Printer',
      serial: 'FAKE0001',
      firmware: 'FAKE-1.0',
    });
    expect(driver.extensions).toBe(true);
    expect(printer.names()).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rst', 'Rpb', 'Rco', 'Xt']);
    const expected = {
      state: 'ready',
      problems: [],
      temperatures: { internalC: 35.2, rollerC: 165 },
      consumables: CONSUMABLES,
    };
    expect(driver.status()).toEqual(expected);
    expect(statuses).toEqual([expected]);
  });

  it('works without extensions: no Xt, temperatures unknown', async () => {
    const { driver, printer } = evolisScene({ ...NO_EXTENSIONS, Rst: 'STANDBY', Rpb: 'FEEDER EMPTY' });
    await driver.connect();
    expect(driver.extensions).toBe(false);
    expect(printer.names()).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rst', 'Rpb', 'Rco']);
    expect(driver.status()).toEqual({
      state: 'standby',
      problems: ['feeder-empty'],
      temperatures: {},
      consumables: CONSUMABLES,
    });
  });

  it('logs an unknown problem token once and ignores it', async () => {
    const { driver, clock, logLines } = evolisScene({ ...HEALTHY, Rpb: 'GREMLINS,JAM' });
    await driver.connect();
    await clock.advance(60_000);
    expect(driver.status().problems).toEqual(['card-jam']);
    expect(logLines.filter((line) => line.includes('GREMLINS'))).toHaveLength(1);
  });

  it('keeps the last known value of a status reply it cannot read', async () => {
    const { driver } = evolisScene({ ...HEALTHY, Rco: 'cards=lots', Xt: 'internal=hot' });
    await driver.connect();
    expect(driver.status()).toMatchObject({ state: 'ready', temperatures: {}, consumables: {} });
  });

  it('fails with REPLY_INVALID when an identity read is refused, and lets the link go', async () => {
    const { driver, printer, statuses, clock } = evolisScene({ ...HEALTHY, Rsn: 'ERR BUSY' });
    const error = await rejectionOf(driver.connect());
    expect(isCetakError(error, 'REPLY_INVALID')).toBe(true);
    await clock.settle();
    expect(printer.names()).toEqual(['Rtp', 'Rsn']);
    expect(statuses).toEqual([]);
    expect(driver.status().state).toBe('off');
  });

  it('fails with LINK_TIMEOUT when the printer does not answer', async () => {
    const { driver, clock } = evolisScene({ ...HEALTHY, Rtp: SILENT });
    const connecting = rejectionOf(driver.connect());
    await clock.advance(30_000);
    expect(isCetakError(await connecting, 'LINK_TIMEOUT')).toBe(true);
  });

  it('connects once while connected, and on a fresh link after the link was lost', async () => {
    const { driver, printer, clock } = evolisScene();
    const [a, b] = await Promise.all([driver.connect(), driver.connect()]);
    expect(a).toEqual(b);
    await driver.connect();
    expect(printer.opened).toBe(1);
    await printer.disconnect();
    await clock.settle();
    expect(driver.status().problems).toEqual(['link-lost']);
    await driver.connect();
    expect(printer.opened).toBe(2);
    expect(driver.status()).toMatchObject({ state: 'ready', problems: [] });
  });
});
