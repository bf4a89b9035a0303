import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { SILENT } from './fake-printer.js';
import { CARD, evolisScene, rejectionOf } from './scene.js';

const LOST = { state: 'off', problems: ['link-lost'], temperatures: {}, consumables: {} };

describe('evolis driver when the link is lost', () => {
  it('reports off with link-lost, once, and stops talking', async () => {
    const { driver, printer, clock, statuses, logLines } = evolisScene();
    await driver.connect();
    await printer.disconnect();
    await clock.settle();
    expect(driver.status()).toEqual(LOST);
    expect(statuses).toHaveLength(2);
    expect(statuses.at(-1)).toEqual(LOST);
    expect(logLines.some((line) => line.includes('printer link lost'))).toBe(true);
    const sent = printer.received.length;
    await clock.advance(60_000);
    expect(printer.received.length).toBe(sent);
    expect(statuses).toHaveLength(2);
    expect(clock.pendingTimers).toBe(0);
  });

  it('starts no card and warms nothing until connected again', async () => {
    const { driver, printer, clock } = evolisScene();
    await driver.connect();
    await printer.disconnect();
    await clock.settle();
    expect(await driver.printCard(CARD)).toEqual({ result: 'not-started', reason: 'printer not connected' });
    expect(isCetakError(await rejectionOf(driver.warmUp()), 'LINK_LOST')).toBe(true);
    expect(isCetakError(await rejectionOf(driver.standby()), 'LINK_LOST')).toBe(true);
  });

  it('a card whose link drops before the blank is fed is not-started', async () => {
    const { driver, printer, clock } = evolisScene({ table: { Pmi: { after: 1000, reply: 'OK' } } });
    await driver.connect();
    const printing = driver.printCard(CARD);
    await clock.settle();
    await printer.disconnect();
    expect(await printing).toMatchObject({ result: 'not-started' });
    expect(printer.count('Ss')).toBe(0);
  });

  it('a card whose link drops once the blank is fed rejects with LINK_LOST: the outcome is unknown', async () => {
    const { driver, printer, clock } = evolisScene({ table: { Se: SILENT } });
    await driver.connect();
    const printing = rejectionOf(driver.printCard(CARD));
    await clock.settle();
    await printer.disconnect();
    expect(isCetakError(await printing, 'LINK_LOST')).toBe(true);
    expect(driver.status()).toEqual(LOST);
  });

  it('reconnects on a fresh link, rejects the card left inside, and prints again', async () => {
    const { driver, printer, clock, statuses } = evolisScene({ table: { Se: SILENT } });
    await driver.connect();
    void driver.printCard(CARD).catch(() => undefined);
    await clock.settle();
    await printer.disconnect();
    await clock.settle();
    expect(printer.cardInside).toBe(true);
    printer.set('Se', 'OK');
    printer.clear();
    await driver.connect();
    expect(printer.opened).toBe(2);
    expect(printer.names(true)).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rlr;p', 'Ser', 'Rcr', 'Rco;l']);
    expect(printer.cardInside).toBe(false);
    expect(statuses.at(-1)).toMatchObject({ state: 'standby', problems: [] });
    expect(await driver.printCard(CARD)).toEqual({ result: 'printed' });
  });
});
