import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { HEALTHY, SILENT } from './fake-printer.js';
import { CARD, evolisScene, rejectionOf, track } from './scene.js';

describe('evolis driver: link trouble once the blank is fed', () => {
  for (const step of ['Ss', 'Sr', 'Sic', 'Xce', 'Se']) {
    it(`a silent ${step} rejects with LINK_TIMEOUT and nothing is resent`, async () => {
      const { driver, printer, clock } = evolisScene({ ...HEALTHY, [step]: SILENT });
      await driver.connect();
      const printing = track(driver.printCard(CARD));
      const limit = ['Sr', 'Sic', 'Xce'].includes(step) ? 300_000 : 30_000;
      await clock.advance(limit - 1);
      expect(printing.settled()).toBe(false);
      await clock.advance(1);
      expect(isCetakError(printing.error(), 'LINK_TIMEOUT')).toBe(true);
      // Polling carries on, but the card is for the operator: no Ss again, no Ser, no Se.
      await clock.advance(10 * 60_000);
      expect(printer.count('Ss')).toBe(1);
      expect(printer.count('Ser')).toBe(0);
      expect(printer.count('Se')).toBe(step === 'Se' ? 1 : 0);
      expect(printer.count('Rst')).toBeGreaterThan(10);
    });
  }

  it('an Ss answer that is neither OK nor ERR rejects with REPLY_INVALID: a blank may be in', async () => {
    const { driver, printer } = evolisScene({ ...HEALTHY, Ss: 'READY' });
    await driver.connect();
    expect(isCetakError(await rejectionOf(driver.printCard(CARD)), 'REPLY_INVALID')).toBe(true);
    expect(printer.count('Sr') + printer.count('Ser')).toBe(0);
  });

  it('a link lost mid-card rejects with LINK_LOST and the status says link-lost', async () => {
    const { driver, printer, clock } = evolisScene({ ...HEALTHY, Sr: SILENT });
    await driver.connect();
    const printing = rejectionOf(driver.printCard(CARD));
    await clock.settle();
    await printer.disconnect();
    expect(isCetakError(await printing, 'LINK_LOST')).toBe(true);
    expect(driver.status()).toEqual({
      state: 'off',
      problems: ['link-lost'],
      temperatures: {},
      consumables: {},
    });
  });
});
