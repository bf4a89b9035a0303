import { describe, expect, it } from 'vitest';
import { HEALTHY, SILENT } from './fake-printer.js';
import { CARD, evolisScene } from './scene.js';

describe('evolis driver status polling', () => {
  it('refreshes every 10 s while idle and emits only when something changed', async () => {
    const { driver, printer, clock, statuses } = evolisScene();
    await driver.connect();
    expect(statuses).toHaveLength(1);
    await clock.advance(60_000);
    expect(printer.count('Rst')).toBe(7);
    expect(statuses).toHaveLength(1);

    printer.set('Rpb', 'HOPPER FULL');
    await clock.advance(10_000);
    expect(statuses).toHaveLength(2);
    expect(statuses[1]?.problems).toEqual(['hopper-full']);

    printer.set('Xt', 'internal=36.0;roller=165.0');
    await clock.advance(10_000);
    expect(statuses).toHaveLength(3);
    expect(statuses[2]?.temperatures).toEqual({ internalC: 36, rollerC: 165 });
    await clock.advance(30_000);
    expect(statuses).toHaveLength(3);
  });

  it('takes its interval from the options', async () => {
    const { driver, printer, clock } = evolisScene(HEALTHY, { pollIntervalMs: 1000 });
    await driver.connect();
    await clock.advance(5000);
    expect(printer.count('Rst')).toBe(6);
  });

  it('never polls between a card’s steps', async () => {
    const { driver, printer, clock } = evolisScene({
      ...HEALTHY,
      Sr: { after: 45_000, reply: 'OK' },
      Xce: { after: 20_000, reply: '04A1B2C3D4E5F6' },
    });
    await driver.connect();
    printer.received.length = 0;
    await clock.advance(9_000);
    const printing = driver.printCard(CARD);
    await clock.advance(120_000);
    await printing;
    const names = printer.names();
    const start = names.indexOf('Pr');
    expect(names.slice(start, start + 7)).toEqual(['Pr', 'Dbc', 'Ss', 'Sr', 'Sic', 'Xce', 'Se']);
  });

  it('lets a poll that started first finish before the card begins', async () => {
    const { driver, printer, clock } = evolisScene();
    await driver.connect();
    printer.set('Rpb', { after: 500, reply: 'NONE' });
    printer.received.length = 0;
    await clock.advance(10_000);
    const printing = driver.printCard(CARD);
    await clock.advance(1_000);
    await printing;
    expect(printer.names().slice(0, 6)).toEqual(['Rst', 'Rpb', 'Rco', 'Xt', 'Pr', 'Dbc']);
  });

  it('reports a printer that stops answering as off, and ready again when it answers', async () => {
    const { driver, printer, clock } = evolisScene();
    await driver.connect();
    printer.set('Rst', SILENT);
    await clock.advance(10_000 + 30_000);
    expect(driver.status().state).toBe('off');
    expect(driver.status().problems).toEqual([]);
    printer.set('Rst', 'READY');
    await clock.advance(10_000);
    expect(driver.status().state).toBe('ready');
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
