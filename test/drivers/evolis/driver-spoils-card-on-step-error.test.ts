import { describe, expect, it } from 'vitest';
import type { ProblemReason, SpoilReason } from '../../../src/drivers/driver.js';
import { CARD, evolisScene, fakeEncoder, renderedPanels } from './scene.js';

const CASES: ReadonlyArray<
  readonly [step: string, reply: string, reason: SpoilReason, latched: readonly ProblemReason[]]
> = [
  ['Sr', 'ERR RIBBON', 'ribbon-break', []],
  ['Sr', 'ERR PARAM', 'printer-error', []],
  ['Dbc', 'ERR PARAM', 'printer-error', []],
  // Latched, then cleared by the read after the card: Rcr answers OK.
  ['Se', 'ERR RIBBON', 'ribbon-break', []],
  // No read shows the film replaced: the operator says so.
  ['Se', 'ERR FILM', 'ribbon-break', ['film-out']],
  ['Se', 'ERR TIMEOUT', 'card-jam', []],
  ['Se', 'ERR COVER OPEN', 'printer-error', ['cover-open']],
  ['Se', 'ERR HOPPER FULL', 'printer-error', ['hopper-full']],
];

describe('evolis driver spoils a card when a step fails after the blank is fed', () => {
  for (const [step, reply, reason, latched] of CASES) {
    it(`${step} → ${reply} is spoiled (${reason}) and rejected with Ser`, async () => {
      const { driver, printer } = evolisScene({ table: { [step]: reply } });
      await driver.connect();
      printer.clear();
      const outcome = await driver.printCard({ ...CARD, panels: renderedPanels() });
      expect(outcome).toEqual({ result: 'spoiled', reason, detail: `${step} answered ${reply}` });
      const names = printer.names();
      const at = names.indexOf(step);
      // Refused at once: no later step, no presence check, straight to the reject box.
      expect(names.slice(at, at + 2)).toEqual([step, 'Ser']);
      expect(names.slice(at + 2, at + 4)).toEqual(['Rcr', 'Rco']);
      expect(printer.cardInside).toBe(false);
      expect(driver.status().problems).toEqual(latched);
    });
  }

  it('keeps the chip UID of a card spoiled after encoding', async () => {
    const encoder = fakeEncoder({ ok: true, uid: '04A1B2C3D4E5F6' });
    const { driver } = evolisScene({ driver: { encoder }, table: { Se: 'ERR RIBBON' } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toEqual({
      result: 'spoiled',
      reason: 'ribbon-break',
      detail: 'Se answered ERR RIBBON',
      chipUid: '04A1B2C3D4E5F6',
    });
  });

  it('a Ser that is refused mechanically leaves the card jammed: card-jam, latched', async () => {
    const { driver, printer } = evolisScene({ table: { Sr: 'ERR RIBBON', Ser: 'ERR TIMEOUT' } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toEqual({
      result: 'spoiled',
      reason: 'card-jam',
      detail: 'Sr answered ERR RIBBON',
    });
    expect(printer.count('Ser')).toBe(1);
    expect(driver.status().problems).toEqual(['card-jam']);
  });
});
