import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALTHY } from './fake-printer.js';
import { CARD, evolisScene } from './scene.js';

const GARBAGE = [
  '\x00\xff\x1b\x07', // binary, no CR: the partial line is forgotten before the next command
  '\x00\xfe\r', // a noise line
  'HELLO\r', // a printable stray line
  '\n\n\r\r',
  'A'.repeat(5000), // a babbling line
];

describe('evolis driver with garbage on the line', () => {
  for (const garbage of GARBAGE) {
    it(`connects and prints with ${JSON.stringify(garbage.slice(0, 12))} after every reply`, async () => {
      const { driver, printer } = evolisScene();
      printer.afterEachAnswer = { raw: garbage };
      expect((await driver.connect()).serial).toBe('FAKE0001');
      expect(driver.status()).toMatchObject({ state: 'ready', problems: [] });
      expect(await driver.printCard(CARD)).toEqual({ result: 'printed', chipUid: '04A1B2C3D4E5F6' });
    });
  }

  it('skips noise lines that arrive before the real reply', async () => {
    const { driver } = evolisScene({ ...HEALTHY, Sr: [{ raw: '\x00\x01\x02\r' }, 'OK'] });
    await driver.connect();
    expect(await driver.printCard(CARD)).toMatchObject({ result: 'printed' });
  });

  it('prints whatever random bytes come between replies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (garbage) => {
        const { driver, printer } = evolisScene();
        printer.afterEachAnswer = { raw: garbage };
        await driver.connect();
        expect(await driver.printCard(CARD)).toMatchObject({ result: 'printed' });
      }),
      { numRuns: 50 },
    );
  });
});
