import { describe, expect, it } from 'vitest';
import type { EvolisDriverOptions } from '../../../drivers/evolis/evolis-driver.js';
import { isCetakError } from '../../../src/errors.js';
import { SILENT } from './fake-printer.js';
import { CARD, evolisScene, track } from './scene.js';

const MINUTE = 60_000;

/**
 * A printer that goes silent for `silentMs` as soon as it receives `step`, having first done
 * `meanwhile` to the card (printed it, rejected it…): a shut-off to cool, or a reset.
 */
function silentAfter(
  step: string,
  silentMs: number,
  meanwhile: (p: Printer) => void,
  driver?: EvolisDriverOptions,
) {
  const scene = evolisScene(driver ? { driver } : {});
  const { printer } = scene;
  printer.set(step, () => {
    meanwhile(printer);
    printer.silenceFor(silentMs);
    return SILENT;
  });
  return scene;
}
type Printer = ReturnType<typeof evolisScene>['printer'];

const printed = (p: Printer) => {
  p.cardInside = false;
  p.counters.panels += 5;
};
const rejected = (p: Printer) => {
  p.cardInside = false;
};
const stuck = () => {};

describe('evolis driver: the printer falls silent with a card inside', () => {
  it('is overheated while silent; counters grown by a card’s panels say the card was printed', async () => {
    const { driver, printer, clock, statuses } = silentAfter('Se', 10 * MINUTE, printed);
    await driver.connect();
    const printing = track(driver.printCard(CARD));
    await clock.advance(6 * MINUTE);
    expect(driver.status().state).toBe('overheated');
    expect(printing.settled()).toBe(false);
    await clock.until(() => printing.settled(), 10 * MINUTE);
    expect(printing.value()).toEqual({ result: 'printed' });
    expect(statuses.map((s) => s.state)).toEqual(['standby', 'printing', 'overheated', 'printing', 'ready']);
    // Probed with Rlr while silent; then presence and counters; nothing resent, nothing rejected.
    const after = printer.names(true).slice(printer.names().indexOf('Se') + 1);
    const back = after.findIndex((name) => name !== 'Rlr');
    expect(back).toBeGreaterThan(1);
    expect(after.slice(back, back + 5)).toEqual(['Rlr;p', 'Rco;c', 'Rco;p', 'Rcr', 'Rco;l']);
    expect(printer.count('Ser') + printer.count('Ss')).toBe(1);
  });

  it('a card fed but not printed, gone after minutes of silence, is spoiled by overheat', async () => {
    const { driver, printer, clock } = silentAfter('Se', 10 * MINUTE, rejected);
    await driver.connect();
    const printing = track(driver.printCard(CARD));
    await clock.until(() => printing.settled(), 20 * MINUTE);
    expect(printing.value()).toMatchObject({ result: 'spoiled', reason: 'overheat' });
    // Counted from when the step's answer was given up on (the 5-minute job timeout), not from
    // the last answer: the step's own time is not silence.
    expect(printing.value()).toMatchObject({
      detail: expect.stringMatching(/^printer silent 5 min mid-card/),
    });
    expect(printer.count('Ser')).toBe(0);
  });

  it('gone after a short silence, it is spoiled by a printer reset', async () => {
    const { driver, printer, clock } = silentAfter('Se', 15_000, rejected, { jobTimeoutMs: 20_000 });
    await driver.connect();
    const printing = track(driver.printCard(CARD));
    await clock.until(() => printing.settled(), 5 * MINUTE);
    expect(printing.value()).toMatchObject({ result: 'spoiled', reason: 'printer-reset' });
    expect(printer.count('Ser')).toBe(0);
  });

  it('still inside when the printer answers again, it is rejected with Ser and spoiled', async () => {
    const { driver, printer, clock } = silentAfter('Se', 10 * MINUTE, stuck);
    await driver.connect();
    const printing = track(driver.printCard(CARD));
    await clock.until(() => printing.settled(), 20 * MINUTE);
    expect(printing.value()).toMatchObject({ result: 'spoiled', reason: 'overheat' });
    const names = printer.names(true);
    expect(names.slice(names.lastIndexOf('Rlr;p'), names.lastIndexOf('Rlr;p') + 2)).toEqual(['Rlr;p', 'Ser']);
    expect(printer.cardInside).toBe(false);
  });

  it('a silent Ss with Rco;c unchanged afterwards fed no blank: not-started', async () => {
    const { driver, printer, clock } = silentAfter('Ss', 10 * MINUTE, stuck);
    printer.cardInside = false;
    await driver.connect();
    const printing = track(driver.printCard(CARD));
    await clock.until(() => printing.settled(), 20 * MINUTE);
    expect(printing.value()).toMatchObject({ result: 'not-started' });
    expect(printer.count('Sr') + printer.count('Ser')).toBe(0);
  });

  it('silent past the recovery window: rejects with LINK_TIMEOUT, leaving the card to an operator', async () => {
    const { driver, printer, clock } = silentAfter('Se', 60 * MINUTE, stuck, {
      recoveryWindowMs: 15 * MINUTE,
    });
    await driver.connect();
    const printing = track(driver.printCard(CARD));
    // The window runs from when `Se`'s answer was given up on (its 5-minute job timeout).
    await clock.until(() => printing.settled(), 25 * MINUTE);
    expect(clock.now()).toBeGreaterThanOrEqual(20 * MINUTE);
    expect(isCetakError(printing.error(), 'LINK_TIMEOUT')).toBe(true);
    expect(driver.status().state).toBe('overheated');
    expect(printer.count('Ser')).toBe(0);
    // Once it answers again the polls see it, and the card still inside goes to the reject box,
    // where the operator judges it; a later silence with no card of ours is just off.
    await clock.advance(50 * MINUTE);
    expect(driver.status().state).not.toBe('overheated');
    expect(printer.count('Ss')).toBe(1);
    expect(printer.count('Ser')).toBe(1);
    expect(printer.cardInside).toBe(false);
    printer.silenceFor(5 * MINUTE);
    await clock.advance(MINUTE);
    expect(driver.status().state).toBe('off');
  });
});
