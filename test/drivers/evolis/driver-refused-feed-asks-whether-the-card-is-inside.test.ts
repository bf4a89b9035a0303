import { describe, expect, it } from 'vitest';
import { CARD, evolisScene, fakeEncoder } from './scene.js';

const PREPARE = ['Pr;ymcko', 'Pmi;F', 'Rco;c', 'Rco;p'];
const chipOk = () => fakeEncoder({ ok: true, uid: '04A1B2C3D4E5F6' });

describe('evolis driver: the step that feeds the blank is refused', () => {
  it('Ss refused with no card inside is not-started, latches the problem, and sends no Ser', async () => {
    const { driver, printer } = evolisScene({ table: { Ss: 'ERR COVER OPEN' } });
    await driver.connect();
    printer.clear();
    expect(await driver.printCard(CARD)).toEqual({
      result: 'not-started',
      reason: 'Ss refused: ERR COVER OPEN',
    });
    expect(printer.names(true)).toEqual([...PREPARE, 'Ss', 'Rlr;p', 'Rcr', 'Rco;l']);
    expect(driver.status()).toMatchObject({ state: 'standby', problems: ['cover-open'] });
  });

  it('Sic refused with no card inside is not-started, and the encoder is never asked', async () => {
    const encoder = chipOk();
    const { driver, printer } = evolisScene({
      table: { Sic: 'ERR FEEDER EMPTY', 'Sk;f': '1' },
      driver: { encoder },
    });
    await driver.connect();
    printer.clear();
    expect(await driver.printCard(CARD)).toEqual({
      result: 'not-started',
      reason: 'Sic refused: ERR FEEDER EMPTY',
    });
    expect(printer.names(true)).toEqual([...PREPARE, 'Sic', 'Rlr;p', 'Rcr', 'Rco;l', 'Sk;f']);
    expect(encoder.calls).toEqual([]);
    expect(driver.status().problems).toEqual(['feeder-empty']);
  });

  it('Ss refused with the card inside (ERR CARD) is spoiled, and Ser rejects it', async () => {
    const { driver, printer } = evolisScene({ table: { Ss: 'ERR TIMEOUT' } });
    await driver.connect();
    printer.clear();
    // The printer took the blank in, then jammed.
    printer.set('Ss', () => {
      printer.cardInside = true;
      return 'ERR TIMEOUT';
    });
    expect(await driver.printCard(CARD)).toEqual({
      result: 'spoiled',
      reason: 'card-jam',
      detail: 'Ss answered ERR TIMEOUT',
    });
    // The jam is latched, and the read after the card finds the printing module empty again.
    expect(printer.names(true)).toEqual([...PREPARE, 'Ss', 'Rlr;p', 'Ser', 'Rcr', 'Rco;l', 'Rlr;p']);
    expect(printer.cardInside).toBe(false);
    expect(driver.status().problems).toEqual([]);
  });

  it('Sic refused with the card inside is spoiled, with Ser and no encoding', async () => {
    const encoder = chipOk();
    const { driver, printer } = evolisScene({ driver: { encoder } });
    await driver.connect();
    printer.clear();
    printer.set('Sic', () => {
      printer.cardInside = true;
      return 'ERR RIBBON';
    });
    expect(await driver.printCard(CARD)).toEqual({
      result: 'spoiled',
      reason: 'ribbon-break',
      detail: 'Sic answered ERR RIBBON',
    });
    expect(printer.names(true)).toEqual([...PREPARE, 'Sic', 'Rlr;p', 'Ser', 'Rcr', 'Rco;l']);
    expect(encoder.calls).toEqual([]);
  });

  it('Ss refused after the chip was personalised is spoiled even if the card is gone: the blank is spent', async () => {
    const encoder = chipOk();
    const { driver, printer } = evolisScene({ driver: { encoder } });
    await driver.connect();
    printer.clear();
    // The printer put the card in its reject box as it refused.
    printer.set('Ss', () => {
      printer.cardInside = false;
      return 'ERR COVER OPEN';
    });
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'spoiled', chipUid: '04A1B2C3D4E5F6' });
    expect(printer.names(true).slice(0, 8)).toEqual([...PREPARE, 'Sic', 'Rlr;p', 'Ss', 'Ser']);
    expect(driver.status().problems).toEqual(['cover-open']);
  });
});
