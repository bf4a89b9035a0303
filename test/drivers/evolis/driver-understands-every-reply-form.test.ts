import { describe, expect, it } from 'vitest';
import type { PrinterStatus, PrintOutcome } from '../../../src/drivers/driver.js';
import type { ReplyStyle } from './fake-printer.js';
import { CARD, evolisScene, fakeEncoder, renderedPanels } from './scene.js';

interface Run {
  readonly identity: unknown;
  readonly commands: string[];
  readonly outcome: PrintOutcome;
  readonly status: PrinterStatus;
  readonly extensions: boolean;
}

/**
 * Connect and print one chip card. On the way the printer answers every kind of reply: values
 * (`Rtp`, `Rco;c`), OK (the steps), and errors: `Xv` is unknown to a guide-only printer and
 * `Rlr;p` reports the card at the contactless station as `ERR CARD` (NACK in ACK/NACK form).
 */
async function printOnce(style: ReplyStyle): Promise<Run> {
  const encoder = fakeEncoder({ ok: true, uid: '04A1B2C3D4E5F6' });
  const { driver, printer } = evolisScene({ style, driver: { encoder } });
  const identity = await driver.connect();
  const outcome = await driver.printCard({ ...CARD, panels: renderedPanels() });
  return {
    identity,
    commands: printer.names(true),
    outcome,
    status: driver.status(),
    extensions: driver.extensions,
  };
}

describe('evolis driver understands every reply form', () => {
  it('prints the same card the same way whether replies end in CR, NUL, or are ACK/NACK', async () => {
    const cr = await printOnce('cr');
    expect(cr.identity).toEqual({ model: 'Evolis Primacy', serial: 'FAKE0001', firmware: '1.2.3' });
    expect(cr.outcome).toEqual({ result: 'printed', chipUid: '04A1B2C3D4E5F6' });
    expect(cr.extensions).toBe(false);
    expect(cr.commands).toContain('Rlr;p');
    expect(cr.commands).toContain('Se');
    expect(await printOnce('nul')).toEqual(cr);
    expect(await printOnce('ack-nack')).toEqual(cr);
  });

  it('reads NACK F to Ss as an empty feeder: the problem is latched and the card not started', async () => {
    const { driver, printer } = evolisScene({
      style: 'ack-nack',
      table: { Ss: { raw: '\x15F' }, 'Sk;f': '1' },
    });
    await driver.connect();
    printer.clear();
    expect(await driver.printCard(CARD)).toEqual({
      result: 'not-started',
      reason: 'Ss refused: ERR FEEDER EMPTY',
    });
    // Rlr;p answered `NO CARD` + ACK: no blank left the feeder, so nothing to reject.
    expect(printer.names(true)).toEqual([
      'Pr;ymcko',
      'Pmi;F',
      'Rco;c',
      'Rco;p',
      'Ss',
      'Rlr;p',
      'Rcr',
      'Rco;l',
      'Sk;f',
    ]);
    expect(driver.status().problems).toEqual(['feeder-empty']);
  });

  it('takes a value before ACK as the value, and a bare ACK as OK', async () => {
    const { driver, printer } = evolisScene({ style: 'ack-nack', table: { 'Rco;l': '137' } });
    await driver.connect();
    expect(driver.status()).toEqual({
      state: 'standby',
      problems: [],
      temperatures: {},
      consumables: { ribbonRemaining: 137 },
    });
    // Rcr's bare ACK means the ribbon is fine; NACK R would latch ribbon-out.
    printer.set('Rcr', { raw: '\x15R' });
    await driver.operatorDid('jam-cleared');
    expect(driver.status().problems).toEqual(['ribbon-out']);
  });
});
