import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { SILENT } from './fake-printer.js';
import { CARD, evolisScene, rejectionOf, track } from './scene.js';

const MINUTE = 60_000;

describe('evolis driver rejects, leaving the card to an operator, when it cannot tell how it ended', () => {
  it('a step after the feed that answers neither OK nor an error: REPLY_INVALID, nothing resent', async () => {
    const { driver, printer } = evolisScene({ table: { Sr: 'READY' } });
    await driver.connect();
    printer.clear();
    const error = await rejectionOf(driver.printCard(CARD));
    expect(isCetakError(error, 'REPLY_INVALID')).toBe(true);
    expect((error as Error).message).toContain('Sr answered "READY"');
    expect(printer.names(true).slice(4)).toEqual(['Ss', 'Sr']);
  });

  it('a printer without counters that went silent mid-card: REPLY_INVALID once it is back', async () => {
    const { driver, printer, clock } = evolisScene({ table: { 'Rco;c': 'ERR PARAM' } });
    printer.set('Se', () => {
      printer.cardInside = false;
      printer.silenceFor(10 * MINUTE);
      return SILENT;
    });
    await driver.connect();
    const printing = track(driver.printCard(CARD));
    await clock.until(() => printing.settled(), 20 * MINUTE);
    expect(isCetakError(printing.error(), 'REPLY_INVALID')).toBe(true);
    expect((printing.error() as Error).message).toContain('cannot say how the card ended');
    expect(printer.count('Ser')).toBe(0);
    // It answers again, so it is neither off nor overheated; no card is known to have passed.
    expect(driver.status().state).toBe('standby');
  });

  it('a link that closes while the driver waits for a silent printer: LINK_LOST', async () => {
    const { driver, printer, clock } = evolisScene();
    printer.set('Se', () => {
      printer.silenceFor(60 * MINUTE);
      return SILENT;
    });
    await driver.connect();
    const printing = track(driver.printCard(CARD));
    await clock.advance(10 * MINUTE);
    expect(driver.status().state).toBe('overheated');
    await printer.disconnect();
    await clock.settle();
    expect(isCetakError(printing.error(), 'LINK_LOST')).toBe(true);
    expect(driver.status().problems).toEqual(['link-lost']);
  });
});
