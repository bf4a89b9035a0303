import { describe, expect, it } from 'vitest';
import { unpackBits } from '../../../drivers/evolis/packbits.js';
import { HEALTHY, NO_EXTENSIONS } from './fake-printer.js';
import { CARD, evolisScene } from './scene.js';

const JOB_HEX = Buffer.from(CARD.jobId, 'utf8').toString('hex').toUpperCase();

describe('evolis driver prints a card', () => {
  it('runs Pr, Dbc, Ss, Sr, Sic, Xce, Se and returns the chip UID', async () => {
    const { driver, printer } = evolisScene();
    await driver.connect();
    printer.received.length = 0;
    expect(await driver.printCard(CARD)).toEqual({ result: 'printed', chipUid: '04A1B2C3D4E5F6' });
    expect(printer.names(true).slice(0, 7)).toEqual([
      'Pr;YMCKO',
      // A card without rendered panels: a blank black panel, packed (643 runs of zeros).
      'Dbc;k;1;1286',
      'Ss',
      'Sr',
      'Sic',
      `Xce;${JOB_HEX}`,
      'Se',
    ]);
    const download = unpackBits(printer.received[1]?.data ?? new Uint8Array(), 82_296);
    expect(download?.every((byte) => byte === 0)).toBe(true);
    // The status is read again afterwards.
    expect(printer.names().slice(7)).toEqual(['Rst', 'Rpb', 'Rco', 'Xt']);
  });

  it('skips the chip without extensions and returns no UID', async () => {
    const { driver, printer } = evolisScene(NO_EXTENSIONS);
    await driver.connect();
    printer.received.length = 0;
    expect(await driver.printCard(CARD)).toEqual({ result: 'printed' });
    expect(printer.names()).toEqual(['Pr', 'Dbc', 'Ss', 'Sr', 'Se', 'Rst', 'Rpb', 'Rco']);
  });

  it('prints without a UID when Xce answers a bare OK', async () => {
    const { driver } = evolisScene({ ...HEALTHY, Xce: 'OK' });
    await driver.connect();
    expect(await driver.printCard(CARD)).toEqual({ result: 'printed' });
  });

  it('waits for the slow steps on the clock', async () => {
    const { driver, clock } = evolisScene({
      ...HEALTHY,
      Sr: { after: 45_000, reply: 'OK' },
      Xce: { after: 20_000, reply: '04A1B2C3D4E5F6' },
    });
    await driver.connect();
    const start = clock.now();
    const printing = driver.printCard(CARD);
    let outcome: unknown;
    void printing.then((o) => {
      outcome = o;
    });
    await clock.until(() => outcome !== undefined, 120_000, 1_000);
    expect(clock.now() - start).toBe(65_000);
    expect(outcome).toEqual({ result: 'printed', chipUid: '04A1B2C3D4E5F6' });
  });

  it('never logs card fields', async () => {
    const { driver, logLines, printer } = evolisScene();
    printer.set('Sr', 'ERR JAM');
    await driver.connect();
    await driver.printCard(CARD);
    printer.set('Sr', 'OK');
    await driver.printCard(CARD);
    const log = logLines.join('\n');
    expect(log).not.toContain('PERSONAL-MARKER-NAME');
    expect(log).not.toContain('1671053112860002');
  });
});
