import { describe, expect, it } from 'vitest';
import { CARD, evolisScene, track } from './scene.js';

const MINUTE = 60_000;
/** The profile's idle-off time: how long a printer keeps its roller warm after a card. */
const IDLE_OFF_MINUTES = 5;

describe('evolis driver tells the state of a printer without extensions', () => {
  it('standby at connect, printing during a card, ready until the idle-off time, then standby', async () => {
    const { driver, printer, clock, statuses } = evolisScene({
      profile: { heaterIdleOffMinutes: IDLE_OFF_MINUTES },
      table: { Sr: { after: 2_000, reply: 'OK' } },
    });
    await driver.connect();
    expect(driver.status().state).toBe('standby');

    const printing = track(driver.printCard(CARD));
    await clock.advance(1_000);
    expect(driver.status().state).toBe('printing');
    await clock.until(() => printing.settled(), MINUTE);
    expect(printing.value()).toEqual({ result: 'printed' });
    // Se answered at once: the card left then.
    const cardDoneAt = printer.received.find((c) => c.name === 'Se')?.at as number;
    expect(driver.status().state).toBe('ready');

    // The state is re-told at each poll (10 s): ready while the roller is kept warm...
    await clock.advanceTo(cardDoneAt + IDLE_OFF_MINUTES * MINUTE - 1);
    expect(driver.status().state).toBe('ready');
    // ...and standby at the first poll after it went cold.
    await clock.advanceTo(cardDoneAt + IDLE_OFF_MINUTES * MINUTE + 10_000);
    expect(driver.status().state).toBe('standby');
    expect(statuses.map((s) => s.state)).toEqual(['standby', 'printing', 'ready', 'standby']);
  });

  it('a spoiled card warmed the roller too; a card never started did not', async () => {
    const { driver, printer } = evolisScene({ table: { Ss: 'ERR COVER OPEN' } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'not-started' });
    expect(driver.status().state).toBe('standby');
    printer.set('Ss', 'OK').set('Sr', 'ERR PARAM');
    await driver.operatorDid('cover-closed');
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'spoiled' });
    expect(driver.status().state).toBe('ready');
  });

  it('a printer that stops answering between cards is off, and its state comes back with it', async () => {
    const { driver, printer, clock } = evolisScene();
    await driver.connect();
    await driver.printCard(CARD);
    printer.silenceFor(2 * MINUTE);
    await clock.advance(MINUTE);
    expect(driver.status().state).toBe('off');
    await clock.advance(2 * MINUTE);
    expect(driver.status().state).toBe('ready');
  });
});
