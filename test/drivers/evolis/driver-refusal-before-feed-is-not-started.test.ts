import { describe, expect, it } from 'vitest';
import { SILENT } from './fake-printer.js';
import { CARD, evolisScene } from './scene.js';

const READ = ['Rcr', 'Rco;l'];

describe('evolis driver: a refusal before the blank is fed', () => {
  for (const [step, reply, sent] of [
    ['Pr', 'ERR PARAM', ['Pr;ymcko']],
    ['Pmi', 'ERR FEEDER EMPTY', ['Pr;ymcko', 'Pmi;F']],
  ] as const) {
    it(`${step} → ${reply} is not-started, with no further step and no Ser`, async () => {
      const { driver, printer } = evolisScene({ table: { [step]: reply, 'Sk;f': '1' } });
      await driver.connect();
      printer.clear();
      expect(await driver.printCard(CARD)).toEqual({
        result: 'not-started',
        reason: `${step} refused: ${reply}`,
      });
      expect(printer.names(true).slice(0, sent.length)).toEqual(sent);
      expect(printer.names(true).slice(sent.length, sent.length + 2)).toEqual(READ);
      expect(printer.count('Ser') + printer.count('Ss') + printer.count('Rlr;p')).toBe(0);
    });
  }

  it('an unanswered step before the feed is not-started too: no blank can have moved', async () => {
    for (const step of ['Pr', 'Pmi', 'Rco;c', 'Rco;p']) {
      const { driver, printer, clock } = evolisScene({ table: { [step]: SILENT } });
      await driver.connect();
      const printing = driver.printCard(CARD);
      await clock.advance(30_000);
      expect(await printing, step).toMatchObject({ result: 'not-started' });
      expect(printer.count('Ss'), step).toBe(0);
      // Nothing to recover: no probing for a lost card.
      expect(printer.names(true), step).not.toContain('Rlr');
    }
  });

  it('an aborted signal stops the card before anything is sent', async () => {
    const { driver, printer } = evolisScene();
    await driver.connect();
    printer.clear();
    const abort = new AbortController();
    abort.abort(new Error('stopping'));
    expect(await driver.printCard(CARD, abort.signal)).toMatchObject({ result: 'not-started' });
    expect(printer.count('Pr')).toBe(0);
  });

  it('a signal aborted during the preparation stops the card before Ss', async () => {
    const abort = new AbortController();
    const { driver, printer } = evolisScene({
      table: {
        Pmi: () => {
          abort.abort(new Error('stopping'));
          return 'OK';
        },
      },
    });
    await driver.connect();
    expect(await driver.printCard(CARD, abort.signal)).toEqual({
      result: 'not-started',
      reason: 'aborted before the blank was fed',
    });
    expect(printer.count('Ss')).toBe(0);
  });

  it('a driver never connected, or still connecting, does not start a card', async () => {
    const { driver, printer, clock } = evolisScene({ table: { Rfv: { after: 1000, reply: '1.2.3' } } });
    expect(await driver.printCard(CARD)).toEqual({ result: 'not-started', reason: 'printer not connected' });
    const connecting = driver.connect();
    await clock.settle();
    expect(await driver.printCard(CARD)).toEqual({ result: 'not-started', reason: 'printer not connected' });
    await clock.advance(1000);
    await connecting;
    expect(printer.names(true)).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rlr;p', ...READ]);
  });
});
