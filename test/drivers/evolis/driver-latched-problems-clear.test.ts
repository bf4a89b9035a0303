import { describe, expect, it } from 'vitest';
import { CARD, evolisScene } from './scene.js';

/** One status poll (the default interval). */
const POLL = 10_000;

describe('evolis driver: a problem learned from a refusal stays until a read shows it fixed', () => {
  it('ribbon-out clears once Rcr answers OK', async () => {
    const { driver, printer, clock } = evolisScene({ table: { Rcr: 'ERR RIBBON' } });
    await driver.connect();
    expect(driver.status().problems).toEqual(['ribbon-out']);
    printer.set('Se', 'ERR RIBBON');
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'spoiled', reason: 'ribbon-break' });
    await clock.advance(3 * POLL);
    expect(driver.status().problems).toEqual(['ribbon-out']);
    printer.set('Rcr', 'OK');
    await clock.advance(POLL);
    expect(driver.status().problems).toEqual([]);
  });

  it('feeder-empty clears when Sk;f answers 0, and Sk;f is asked only while it is latched', async () => {
    const { driver, printer, clock } = evolisScene({ table: { Ss: 'ERR FEEDER EMPTY', 'Sk;f': '1' } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'not-started' });
    printer.clear();
    await clock.advance(3 * POLL);
    expect(driver.status().problems).toEqual(['feeder-empty']);
    expect(printer.names(true)).toEqual(Array(3).fill(['Rcr', 'Rco;l', 'Sk;f']).flat());
    printer.set('Sk;f', '0');
    await clock.advance(POLL);
    expect(driver.status().problems).toEqual([]);
    printer.clear();
    await clock.advance(POLL);
    expect(printer.names(true)).toEqual(['Rcr', 'Rco;l']);
  });

  it('card-jam clears when Rlr;p answers NO CARD', async () => {
    const { driver, printer, clock } = evolisScene({ table: { Sr: 'ERR TIMEOUT', Ser: 'ERR TIMEOUT' } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'spoiled', reason: 'card-jam' });
    // The card is stuck: Rlr;p says ERR CARD at every poll.
    await clock.advance(3 * POLL);
    expect(driver.status().problems).toEqual(['card-jam']);
    expect(printer.names(true).slice(-3)).toEqual(['Rcr', 'Rco;l', 'Rlr;p']);
    printer.cardInside = false;
    await clock.advance(POLL);
    expect(driver.status().problems).toEqual([]);
  });

  it('cover-open has no read: it stays until the operator says the cover is closed, or two minutes pass', async () => {
    const { driver, printer, clock } = evolisScene({ table: { Ss: 'ERR COVER OPEN' } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'not-started' });
    printer.clear();
    await clock.advance(5 * POLL);
    await driver.operatorDid('jam-cleared');
    await driver.operatorDid('blanks-loaded');
    expect(driver.status().problems).toEqual(['cover-open']);
    await driver.operatorDid('cover-closed');
    expect(driver.status().problems).toEqual([]);
    // The operator's word is taken once the status has been read again.
    expect(printer.names(true).slice(-2)).toEqual(['Rcr', 'Rco;l']);

    // Refused again, and nobody presses the button: after two minutes the next card asks the
    // printer (a refusal before the feed costs no blank), so a station never waits for ever.
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'not-started' });
    expect(driver.status().problems).toEqual(['cover-open']);
    await clock.advance(60_000);
    expect(driver.status().problems).toEqual(['cover-open']);
    await clock.advance(70_000);
    expect(driver.status().problems).toEqual([]);
  });

  it('a refusal that names no problem someone must fix latches nothing', async () => {
    const { driver, printer } = evolisScene({ table: { Sr: 'ERR PARAM' } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'spoiled', reason: 'printer-error' });
    expect(driver.status().problems).toEqual([]);
    expect(printer.count('Ser')).toBe(1);
  });
});
