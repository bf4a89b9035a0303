import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD, evolisScene, fakeEncoder, renderedPanels } from './scene.js';

const GARBAGE = [
  '\x00\xff\x1b\x07', // binary, no end: the partial reply is forgotten before the next command
  '\x00\xfe\r', // a noise line
  'HELLO\r', // a printable stray line
  '\x06\x15F', // ACK/NACK bytes on a printer that answers in text
  '\n\n\r\r',
  'A'.repeat(5000), // a babbling line
];

const chipEncoder = () => fakeEncoder({ ok: true, uid: '04A1B2C3D4E5F6' });

describe('evolis driver with garbage on the line', () => {
  for (const garbage of GARBAGE) {
    it(`connects and prints with ${JSON.stringify(garbage.slice(0, 12))} after every reply`, async () => {
      const { driver, printer } = evolisScene({ driver: { encoder: chipEncoder() } });
      printer.afterEachAnswer = { raw: garbage };
      expect((await driver.connect()).serial).toBe('FAKE0001');
      expect(driver.status()).toMatchObject({ state: 'standby', problems: [] });
      expect(await driver.printCard({ ...CARD, panels: renderedPanels() })).toEqual({
        result: 'printed',
        chipUid: '04A1B2C3D4E5F6',
      });
      expect(printer.names()).not.toContain('Ser');
    });
  }

  it('skips noise replies that arrive before the real one', async () => {
    const { driver } = evolisScene({ table: { Sr: [{ raw: '\x00\x01\x02\r' }, 'OK'] } });
    await driver.connect();
    expect(await driver.printCard(CARD)).toEqual({ result: 'printed' });
  });

  it('prints whatever random bytes come between replies, in every reply form', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom('cr' as const, 'nul' as const, 'ack-nack' as const),
        async (garbage, style) => {
          const { driver, printer } = evolisScene({ style, driver: { encoder: chipEncoder() } });
          printer.afterEachAnswer = { raw: garbage };
          await driver.connect();
          expect(await driver.printCard(CARD)).toEqual({ result: 'printed', chipUid: '04A1B2C3D4E5F6' });
        },
      ),
      { numRuns: 60 },
    );
  });
});
