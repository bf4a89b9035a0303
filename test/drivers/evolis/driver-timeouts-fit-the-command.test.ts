import { describe, expect, it } from 'vitest';
import { type Answer, type FakePrinter, SILENT } from './fake-printer.js';
import { CARD, evolisScene, renderedPanels, track } from './scene.js';

/** Small timeouts, so a test can tell them apart; polls rare enough not to get in the way. */
const OPTIONS = { commandTimeoutMs: 1_000, jobTimeoutMs: 5_000, pollIntervalMs: 60_000 };

/** The printer falls silent altogether once it receives the command. */
const goesSilent =
  (printer: () => FakePrinter): Answer =>
  () => {
    printer().silenceFor(60 * 60_000);
    return SILENT;
  };

/** Advances until `name` has been sent, and returns when (virtual ms). */
async function sentAt(scene: ReturnType<typeof evolisScene>, name: string): Promise<number> {
  await scene.clock.until(() => scene.printer.count(name) > 0, 60_000, 100);
  return scene.printer.received.find((c) => c.name === name)?.at as number;
}

describe('evolis driver: each command waits as long as it may take', () => {
  it('a status read times out after the command timeout, and the printer is off', async () => {
    const scene = evolisScene({ driver: OPTIONS });
    const { driver, printer, clock } = scene;
    await driver.connect();
    printer.clear();
    printer.set('Rcr', SILENT);
    const at = await sentAt(scene, 'Rcr');
    await clock.advanceTo(at + 999);
    expect(driver.status().state).toBe('standby');
    expect(driver.linkStats().timeouts).toBe(0);
    await clock.advanceTo(at + 1_000);
    expect(driver.status().state).toBe('off');
    expect(driver.linkStats().timeouts).toBe(1);
  });

  it('a setting before the feed times out after the command timeout: not-started', async () => {
    const { driver, printer, clock } = evolisScene({ driver: OPTIONS, table: { Pmi: SILENT } });
    await driver.connect();
    const printing = track(driver.printCard(CARD));
    await clock.advance(999);
    expect(printing.settled()).toBe(false);
    await clock.advance(1);
    expect(printing.value()).toMatchObject({ result: 'not-started' });
    expect(printer.count('Ss')).toBe(0);
  });

  for (const step of ['Se', 'Dbc']) {
    it(`${step} is waited for the job timeout before the printer is thought silent`, async () => {
      const scene = evolisScene({ driver: OPTIONS, table: { [step]: goesSilent(() => scene.printer) } });
      const { driver, printer, clock } = scene;
      await driver.connect();
      const printing = track(driver.printCard({ ...CARD, panels: renderedPanels() }));
      const at = await sentAt(scene, step);
      await clock.advanceTo(at + 4_999);
      // Still waiting: no probe yet, and the card is still printing.
      expect(printer.names().slice(-1)).toEqual([step]);
      expect(driver.status().state).toBe('printing');
      await clock.advanceTo(at + 5_000);
      expect(driver.linkStats().timeouts).toBe(1);
      expect(printer.names(true).slice(-1)).toEqual(['Rlr']);
      expect(printer.names().slice(-2)).toEqual([step, 'Rlr']);
      expect(driver.status().state).toBe('overheated');
      expect(printing.settled()).toBe(false);
    });
  }

  it('Sr, which moves nothing, gets the command timeout', async () => {
    const scene = evolisScene({ driver: OPTIONS, table: { Sr: goesSilent(() => scene.printer) } });
    const { driver, printer, clock } = scene;
    await driver.connect();
    void driver.printCard(CARD);
    const at = await sentAt(scene, 'Sr');
    await clock.advanceTo(at + 999);
    expect(printer.names().at(-1)).toBe('Sr');
    await clock.advanceTo(at + 1_000);
    expect(printer.names(true).slice(-2)).toEqual(['Sr', 'Rlr']);
  });
});
