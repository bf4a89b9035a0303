import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { CARD, evolisScene, rejectionOf } from './scene.js';

const LOST = { state: 'off', problems: ['link-lost'], temperatures: {}, consumables: {} };

describe('evolis driver when the link is lost', () => {
  it('reports off with link-lost, once, and stops talking', async () => {
    const { driver, printer, clock, statuses, logLines } = evolisScene();
    await driver.connect();
    await printer.disconnect();
    await clock.settle();
    expect(driver.status()).toEqual(LOST);
    expect(statuses.at(-1)).toEqual(LOST);
    expect(statuses).toHaveLength(2);
    expect(logLines.some((line) => line.includes('printer link lost'))).toBe(true);
    const sent = printer.received.length;
    await clock.advance(60_000);
    expect(printer.received.length).toBe(sent);
    expect(statuses).toHaveLength(2);
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

  it('a card queued behind a poll when the link drops is not-started', async () => {
    const { driver, printer, clock } = evolisScene();
    await driver.connect();
    printer.set('Rst', { after: 1000, reply: 'READY' });
    await clock.advance(10_000);
    const printing = driver.printCard(CARD);
    await printer.disconnect();
    expect(await printing).toMatchObject({ result: 'not-started' });
    expect(printer.count('Ss')).toBe(0);
  });

  it('reconnects on a fresh link and reports the printer again', async () => {
    const { driver, printer, clock, statuses } = evolisScene();
    await driver.connect();
    await printer.disconnect();
    await clock.settle();
    await driver.connect();
    expect(printer.opened).toBe(2);
    expect(statuses.at(-1)).toMatchObject({ state: 'ready', problems: [] });
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'printed' });
  });
});
