import { describe, expect, it } from 'vitest';
import { CARD, evolisScene } from './scene.js';

describe('evolis driver status polling', () => {
  it('reads the status every 10 s while idle and emits only when something changed', async () => {
    const { driver, printer, clock, statuses } = evolisScene({ extensions: true });
    await driver.connect();
    expect(statuses).toHaveLength(1);
    printer.clear();
    await clock.advance(60_000);
    expect(printer.names(true)).toEqual(Array(6).fill(['Rcr', 'Rco;l', 'Xt', 'Xco']).flat());
    expect(statuses).toHaveLength(1);

    printer.set('Xco', 'feeder=87;hopper=11;ribbon=411;film=911');
    await clock.advance(10_000);
    expect(statuses).toHaveLength(2);
    expect(statuses[1]?.consumables).toEqual({
      ribbonRemaining: 411,
      filmRemaining: 911,
      blanksRemaining: 87,
      hopperSpace: 11,
    });

    printer.set('Xt', 'internal=36.0;roller=165.0;heater=1');
    await clock.advance(10_000);
    expect(statuses).toHaveLength(3);
    expect(statuses[2]?.temperatures).toEqual({ internalC: 36, rollerC: 165 });
    await clock.advance(30_000);
    expect(statuses).toHaveLength(3);
  });

  it('an Xco count of 0 is a problem while it reads 0, and a refusal it contradicts is let go', async () => {
    const { driver, printer, clock } = evolisScene({
      extensions: true,
      table: { Xco: 'feeder=0;hopper=0;ribbon=412;film=0', Ss: 'ERR FEEDER EMPTY' },
    });
    await driver.connect();
    expect(driver.status().problems).toEqual(['feeder-empty', 'film-out', 'hopper-full']);
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'not-started' });
    printer.set('Xco', 'feeder=40;hopper=0;ribbon=412;film=900');
    await clock.advance(10_000);
    expect(driver.status().problems).toEqual(['hopper-full']);
    printer.set('Xco', 'feeder=40;hopper=5;ribbon=412;film=900');
    await clock.advance(10_000);
    expect(driver.status().problems).toEqual([]);
  });

  it('takes its interval from the options', async () => {
    const { driver, printer, clock } = evolisScene({ driver: { pollIntervalMs: 1000 } });
    await driver.connect();
    await clock.advance(5000);
    expect(printer.count('Rcr')).toBe(6);
  });

  it('never polls between a card’s steps', async () => {
    const { driver, printer, clock } = evolisScene({
      table: { Ss: { after: 20_000, reply: 'OK' }, Se: { after: 60_000, reply: 'OK' } },
    });
    await driver.connect();
    printer.clear();
    await clock.advance(9_000);
    const printing = driver.printCard(CARD);
    await clock.advance(120_000);
    expect(await printing).toEqual({ result: 'printed' });
    const names = printer.names(true);
    const start = names.indexOf('Pr;ymcko');
    expect(names.slice(start, start + 8)).toEqual([
      'Pr;ymcko',
      'Pmi;F',
      'Rco;c',
      'Rco;p',
      'Ss',
      'Sr',
      'Se',
      'Rcr',
    ]);
  });

  it('lets a poll that started first finish before the card begins', async () => {
    const { driver, printer, clock } = evolisScene();
    await driver.connect();
    printer.set('Rco;l', { after: 500, reply: '250' });
    printer.clear();
    await clock.advance(10_000);
    const printing = driver.printCard(CARD);
    await clock.advance(1_000);
    await printing;
    expect(printer.names(true).slice(0, 3)).toEqual(['Rcr', 'Rco;l', 'Pr;ymcko']);
  });

  it('reports a printer that stops answering as off, and as it was once it answers again', async () => {
    const { driver, printer, clock } = evolisScene();
    await driver.connect();
    printer.silenceFor(60_000);
    await clock.advance(10_000 + 30_000);
    expect(driver.status().state).toBe('off');
    expect(driver.status().problems).toEqual([]);
    await clock.advance(60_000);
    expect(driver.status().state).toBe('standby');
  });

  it('stops polling when the link is lost or the driver is closed', async () => {
    const { driver, printer, clock } = evolisScene();
    await driver.connect();
    await printer.disconnect();
    await clock.settle();
    expect(clock.pendingTimers).toBe(0);
    await driver.connect();
    await driver.close();
    expect(clock.pendingTimers).toBe(0);
  });
});
