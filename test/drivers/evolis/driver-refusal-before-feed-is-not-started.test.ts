import { describe, expect, it } from 'vitest';
import { HEALTHY, SILENT } from './fake-printer.js';
import { CARD, evolisScene } from './scene.js';

describe('evolis driver: a refusal before the blank is fed', () => {
  for (const [step, reply] of [
    ['Pr', 'ERR SYNTAX'],
    ['Dbc', 'ERR SIZE'],
    ['Ss', 'ERR FEEDER EMPTY'],
    ['Ss', 'ERR NOT READY'],
    ['Ss', 'ERR COVER OPEN'],
    ['Ss', 'ERR BUSY'],
  ] as const) {
    it(`${step} → ${reply} is not-started, with no further step and no Ser`, async () => {
      const { driver, printer } = evolisScene({ ...HEALTHY, [step]: reply });
      await driver.connect();
      printer.received.length = 0;
      const outcome = await driver.printCard(CARD);
      expect(outcome).toEqual({ result: 'not-started', reason: `${step} refused: ${reply}` });
      const names = printer.names();
      expect(names.slice(0, names.indexOf(step) + 1)).toEqual(
        ['Pr', 'Dbc', 'Ss'].slice(0, names.indexOf(step) + 1),
      );
      expect(names.slice(names.indexOf(step) + 1)).toEqual(['Rst', 'Rpb', 'Rco', 'Xt']);
    });
  }

  it('a link timeout before Ss is not-started too: no blank can have moved', async () => {
    const { driver, printer, clock } = evolisScene({ ...HEALTHY, Pr: SILENT });
    await driver.connect();
    const printing = driver.printCard(CARD);
    await clock.advance(30_000);
    expect(await printing).toMatchObject({ result: 'not-started' });
    expect(printer.count('Ss')).toBe(0);
  });

  it('an aborted signal stops the card before Ss', async () => {
    const { driver, printer } = evolisScene();
    await driver.connect();
    const abort = new AbortController();
    abort.abort(new Error('stopping'));
    expect(await driver.printCard(CARD, abort.signal)).toMatchObject({ result: 'not-started' });
    expect(printer.count('Pr')).toBe(0);
  });

  it('a driver never connected, or still connecting, does not start a card', async () => {
    const { driver, printer, clock } = evolisScene({ ...HEALTHY, Rfv: { after: 1000, reply: 'FAKE-1.0' } });
    expect(await driver.printCard(CARD)).toEqual({ result: 'not-started', reason: 'printer not connected' });
    const connecting = driver.connect();
    await clock.settle();
    expect(await driver.printCard(CARD)).toEqual({ result: 'not-started', reason: 'printer not connected' });
    await clock.advance(1000);
    await connecting;
    expect(printer.names()).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rst', 'Rpb', 'Rco', 'Xt']);
  });
});
