import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { SILENT } from './fake-printer.js';
import { evolisScene, rejectionOf } from './scene.js';

describe('evolis driver connect', () => {
  it('reads who the printer is, probes the extensions, checks for a card, and reads the status', async () => {
    const { driver, printer, statuses } = evolisScene();
    expect(await driver.connect()).toEqual({
      model: 'Evolis Primacy',
      serial: 'FAKE0001',
      firmware: '1.2.3',
    });
    expect(driver.identity?.serial).toBe('FAKE0001');
    expect(printer.names(true)).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rlr;p', 'Rcr', 'Rco;l']);
    const expected = {
      state: 'standby',
      problems: [],
      temperatures: {},
      consumables: { ribbonRemaining: 250 },
    };
    expect(driver.status()).toEqual(expected);
    expect(statuses).toEqual([expected]);
  });

  it('sends a card left inside by an interrupted job to the reject box before anything else', async () => {
    const { driver, printer, logLines } = evolisScene();
    printer.cardInside = true;
    await driver.connect();
    expect(printer.names(true)).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rlr;p', 'Ser', 'Rcr', 'Rco;l']);
    expect(printer.cardInside).toBe(false);
    expect(logLines.some((line) => line.includes('left in the printer'))).toBe(true);
  });

  it('reads the ribbon at its end as ribbon-out, and leaves out what it cannot read, logging it once', async () => {
    const { driver, clock, logLines } = evolisScene({ table: { Rcr: 'ERR RIBBON', 'Rco;l': 'lots' } });
    await driver.connect();
    await clock.advance(60_000);
    expect(driver.status()).toEqual({
      state: 'standby',
      problems: ['ribbon-out'],
      temperatures: {},
      consumables: {},
    });
    expect(logLines.filter((line) => line.includes('lots'))).toHaveLength(1);
  });

  it('fails with REPLY_INVALID when an identity read is refused, and lets the link go', async () => {
    const { driver, printer, statuses, clock } = evolisScene({ table: { Rsn: 'ERR BUSY' } });
    const error = await rejectionOf(driver.connect());
    expect(isCetakError(error, 'REPLY_INVALID')).toBe(true);
    await clock.settle();
    expect(printer.names()).toEqual(['Rtp', 'Rsn']);
    expect(statuses).toEqual([]);
    expect(driver.status().state).toBe('off');
    expect(clock.pendingTimers).toBe(0);
  });

  it('fails with LINK_TIMEOUT when the printer does not answer', async () => {
    const { driver, clock } = evolisScene({ table: { Rtp: SILENT } });
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
    expect(driver.status()).toMatchObject({ state: 'standby', problems: [] });
  });
});
