import { describe, expect, it } from 'vitest';
import { type Answer, SILENT } from './fake-printer.js';
import { CARD, evolisScene, type Scene, track } from './scene.js';

/** Connects, leaving the clock time enough for a silent probe (3 s) and its grace (1 s). */
async function connect({ driver, clock }: Scene): Promise<void> {
  const connecting = track(driver.connect());
  await clock.until(() => connecting.settled(), 10_000, 500);
  if (connecting.error() !== undefined) throw connecting.error();
}

describe('evolis driver probes the extensions once, at connect', () => {
  for (const [how, answer] of [
    ['answers Xv with an error', 'ERR UNKNOWN'],
    ['says nothing to Xv', SILENT],
  ] as ReadonlyArray<readonly [string, Answer]>) {
    it(`a printer that ${how} has none, is never sent another X command, and prints`, async () => {
      const scene = evolisScene({ table: { Xv: answer } });
      const { driver, printer, clock } = scene;
      await connect(scene);
      expect(driver.extensions).toBe(false);
      expect(printer.names(true)).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rlr;p', 'Rcr', 'Rco;l']);
      expect(await driver.printCard(CARD)).toEqual({ result: 'printed' });
      await driver.warmUp();
      await clock.advance(5 * 60_000);
      expect(driver.status()).toMatchObject({ state: 'ready', temperatures: {} });
      await driver.standby();
      expect(printer.names().filter((name) => name.startsWith('X'))).toEqual(['Xv']);
      // Asked to rest, a printer without the heater extension is left to its idle-off: standby.
      expect(driver.status()).toMatchObject({ state: 'standby', temperatures: {} });
    });
  }

  it('a printer that answers Xv is read with Xt and Xco: temperatures, heater and stock', async () => {
    const scene = evolisScene({ extensions: true });
    const { driver, printer, clock, statuses } = scene;
    await connect(scene);
    expect(driver.extensions).toBe(true);
    expect(printer.names(true)).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rlr;p', 'Rcr', 'Rco;l', 'Xt', 'Xco']);
    expect(statuses).toEqual([
      {
        state: 'ready',
        problems: [],
        temperatures: { internalC: 35.2, rollerC: 165 },
        consumables: { ribbonRemaining: 412, filmRemaining: 912, blanksRemaining: 88, hopperSpace: 12 },
      },
    ]);
    printer.set('Xt', 'internal=41.5;roller=150.0;heater=1');
    await clock.advance(10_000);
    expect(driver.status()).toMatchObject({
      state: 'warming',
      temperatures: { internalC: 41.5, rollerC: 150 },
    });
    expect(printer.count('Xv')).toBe(1);
  });

  it('probes again on a new link, and a printer that lost its extensions is read without them', async () => {
    const scene = evolisScene({ extensions: true });
    const { driver, printer, clock } = scene;
    await connect(scene);
    await printer.disconnect();
    await clock.settle();
    printer.set('Xv', 'ERR UNKNOWN');
    printer.clear();
    await connect(scene);
    expect(driver.extensions).toBe(false);
    expect(printer.names()).toEqual(['Rtp', 'Rsn', 'Rfv', 'Xv', 'Rlr', 'Rcr', 'Rco']);
    expect(driver.status().temperatures).toEqual({});
  });
});
