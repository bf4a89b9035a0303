import { describe, expect, it } from 'vitest';
import { CARD, evolisScene, fakeEncoder } from './scene.js';

const PREPARE = ['Pr;ymcko', 'Pmi;F', 'Rco;c', 'Rco;p'];

describe('evolis driver: the chip at the contactless station', () => {
  it('an encoder failure spoils the card as chip-error with the encoder’s reason; Ser, never Ss', async () => {
    let attempts = 0;
    const encoder = fakeEncoder(() =>
      ++attempts === 1
        ? { ok: false, reason: 'encoder exited with code 3' }
        : { ok: true, uid: '04A1B2C3D4E5F6' },
    );
    const { driver, printer } = evolisScene({ driver: { encoder } });
    await driver.connect();
    printer.clear();
    expect(await driver.printCard(CARD)).toEqual({
      result: 'spoiled',
      reason: 'chip-error',
      detail: 'encoder exited with code 3',
    });
    expect(printer.names(true)).toEqual([...PREPARE, 'Sic', 'Rlr;p', 'Ser', 'Rcr', 'Rco;l']);
    expect(printer.cardInside).toBe(false);
    expect(encoder.calls).toHaveLength(1);
    // A chip error is the card's, not the printer's: shown (it does not block) until the next card.
    expect(driver.status()).toMatchObject({ state: 'ready', problems: ['chip-error'] });
    expect((await driver.printCard(CARD)).result).toBe('printed');
    expect(driver.status().problems).toEqual([]);
  });

  it('a card that left the station during encoding is spoiled as printer-reset, and Ss is never sent', async () => {
    const encoder = fakeEncoder(() => {
      // The printer restarted meanwhile and put the card in its reject box.
      printer.cardInside = false;
      return { ok: true, uid: '04A1B2C3D4E5F6' };
    });
    const { driver, printer } = evolisScene({ driver: { encoder } });
    await driver.connect();
    printer.clear();
    expect(await driver.printCard(CARD)).toEqual({
      result: 'spoiled',
      reason: 'printer-reset',
      detail: 'the card left the contactless station during encoding',
    });
    expect(printer.names(true)).toEqual([...PREPARE, 'Sic', 'Rlr;p', 'Rcr', 'Rco;l']);
  });

  it('the card leaving during a failed encoding is still printer-reset: nothing is left to reject', async () => {
    const encoder = fakeEncoder(() => {
      printer.cardInside = false;
      return { ok: false, reason: 'no chip answered' };
    });
    const { driver, printer } = evolisScene({ driver: { encoder } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'spoiled', reason: 'printer-reset' });
    expect(printer.count('Ser') + printer.count('Ss')).toBe(0);
  });

  it('a Ser refused after a chip failure leaves the card jammed: card-jam, and the jam latched', async () => {
    const encoder = fakeEncoder({ ok: false, reason: 'encoder exited with code 3' });
    const { driver, printer } = evolisScene({ driver: { encoder }, table: { Ser: 'ERR TIMEOUT' } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toEqual({
      result: 'spoiled',
      reason: 'card-jam',
      detail: 'encoder exited with code 3',
    });
    expect(printer.cardInside).toBe(true);
    expect(driver.status().problems).toEqual(['card-jam']);
  });
});
