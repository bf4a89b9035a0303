import { describe, expect, it } from 'vitest';
import type { SpoilReason } from '../../../src/drivers/driver.js';
import { HEALTHY } from './fake-printer.js';
import { CARD, evolisScene } from './scene.js';

const CASES: ReadonlyArray<readonly [step: string, reply: string, reason: SpoilReason]> = [
  ['Sr', 'ERR OVERHEAT', 'overheat'],
  ['Sr', 'ERR JAM', 'card-jam'],
  ['Sr', 'ERR RIBBON OUT', 'ribbon-break'],
  ['Sr', 'ERR FILM OUT', 'printer-error'],
  ['Sr', 'ERR NO IMAGE', 'printer-error'],
  ['Sic', 'ERR JAM', 'card-jam'],
  ['Xce', 'ERR CHIP', 'chip-error'],
  ['Xce', 'ERR OVERHEAT', 'overheat'],
  ['Xce', 'NOT-A-UID', 'chip-error'],
  ['Se', 'ERR HOPPER FULL', 'printer-error'],
  ['Sr', 'SOMETHING', 'printer-error'],
];

describe('evolis driver spoils a card when a step fails after the blank is fed', () => {
  for (const [step, reply, reason] of CASES) {
    it(`${step} → ${reply} is spoiled (${reason}) and rejected with Ser`, async () => {
      const { driver, printer } = evolisScene({ ...HEALTHY, [step]: reply });
      await driver.connect();
      printer.received.length = 0;
      const outcome = await driver.printCard(CARD);
      expect(outcome).toMatchObject({ result: 'spoiled', reason });
      const names = printer.names();
      expect(names.slice(names.indexOf(step), names.indexOf(step) + 2)).toEqual([step, 'Ser']);
      if (step !== 'Se') expect(names).not.toContain('Se');
      expect(names.slice(-4)).toEqual(['Rst', 'Rpb', 'Rco', 'Xt']);
    });
  }

  it('keeps the chip UID of a card spoiled after encoding', async () => {
    const { driver } = evolisScene({ ...HEALTHY, Se: 'ERR JAM' });
    await driver.connect();
    expect(await driver.printCard(CARD)).toEqual({
      result: 'spoiled',
      reason: 'card-jam',
      chipUid: '04A1B2C3D4E5F6',
    });
  });

  it('ignores Ser’s own error: a jammed card stays spoiled', async () => {
    const { driver, printer } = evolisScene({ ...HEALTHY, Sr: 'ERR JAM', Ser: 'ERR JAM', Rpb: 'JAM' });
    await driver.connect();
    expect(await driver.printCard(CARD)).toEqual({ result: 'spoiled', reason: 'card-jam' });
    expect(printer.count('Ser')).toBe(1);
    expect(driver.status().problems).toEqual(['card-jam']);
  });
});
