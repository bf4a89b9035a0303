import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { type Answer, HEALTHY, SILENT } from './fake-printer.js';
import { CARD, evolisScene, type Scene, track } from './scene.js';

const LINES = [
  'OK',
  'READY',
  'STANDBY',
  'WARMING',
  'OVERHEAT',
  'NONE',
  'JAM',
  'ERR JAM',
  'ERR UNKNOWN',
  'ERR OVERHEAT',
  'ERR CHIP',
  '1',
  '04A1B2C3D4E5F6',
  'cards=1;ribbon=2;film=3;feeder=4;hopper=5',
  'internal=30.0;roller=160.0',
];

const answer: fc.Arbitrary<Answer> = fc.oneof(
  { arbitrary: fc.constantFrom(...LINES), weight: 6 },
  { arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,30}$/), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 64 }).map((raw): Answer => ({ raw })), weight: 1 },
  { arbitrary: fc.constant(SILENT), weight: 1 },
  { arbitrary: fc.record({ after: fc.nat(400_000), reply: fc.constantFrom(...LINES) }), weight: 1 },
);
/** Mostly the answer a healthy printer gives, so that runs get deep into a card's cycle. */
const answerTo = (name: string) =>
  fc.oneof({ arbitrary: fc.constant(HEALTHY[name] as Answer), weight: 3 }, { arbitrary: answer, weight: 2 });
/** For each command, the answers it gets in turn, round and round. */
const answers = fc.record(
  Object.fromEntries(
    Object.keys(HEALTHY).map((name) => [name, fc.array(answerTo(name), { minLength: 1, maxLength: 4 })]),
  ) as Record<string, fc.Arbitrary<Answer[]>>,
);

function answerAtRandom({ printer }: Scene, lists: Readonly<Record<string, readonly Answer[]>>): void {
  for (const [name, list] of Object.entries(lists)) {
    let next = 0;
    printer.set(name, () => list[next++ % list.length] as Answer);
  }
}

/** Worst cases, every reply timing out: 8 reads to connect; a card's steps, Ser, a poll and a refresh. */
const CONNECT_BOUND_MS = 8 * 30_000;
const CARD_BOUND_MS = 3 * 30_000 + 3 * 300_000 + 2 * 30_000 + 8 * 30_000;

describe('evolis driver on random replies', () => {
  it('connect never throws synchronously and settles within its timeouts', async () => {
    await fc.assert(
      fc.asyncProperty(answers, async (lists) => {
        const scene = evolisScene();
        answerAtRandom(scene, lists);
        const connecting = track(scene.driver.connect());
        await scene.clock.advance(CONNECT_BOUND_MS + 1);
        expect(connecting.settled()).toBe(true);
        const error = connecting.error();
        if (error !== undefined) expect(isCetakError(error), String(error)).toBe(true);
        await scene.driver.close();
      }),
      { numRuns: 200 },
    );
  });

  it('printCard, warmUp and close never throw synchronously and settle within their timeouts', async () => {
    await fc.assert(
      fc.asyncProperty(answers, async (lists) => {
        const scene = evolisScene();
        const { driver, clock } = scene;
        await driver.connect();
        answerAtRandom(scene, lists);

        const printing = track(driver.printCard(CARD));
        await clock.advance(CARD_BOUND_MS + 1);
        expect(printing.settled()).toBe(true);
        const error = printing.error();
        if (error !== undefined) {
          expect(
            isCetakError(error) && ['LINK_TIMEOUT', 'LINK_LOST', 'REPLY_INVALID'].includes(error.code),
          ).toBe(true);
        } else {
          expect(['printed', 'spoiled', 'not-started']).toContain(printing.value()?.result);
        }

        // warmUp may rightly wait for READY for ever: its caller's signal bounds it.
        const abort = new AbortController();
        const warming = track(driver.warmUp(abort.signal));
        await clock.advance(5 * 60_000);
        abort.abort(new Error('enough'));
        await clock.settle();
        expect(warming.settled()).toBe(true);

        const closing = track(driver.close());
        await clock.settle();
        expect(closing.settled()).toBe(true);
        const sent = scene.printer.received.length;
        await clock.advance(10 * 60_000);
        expect(scene.printer.received.length).toBe(sent);
      }),
      { numRuns: 200 },
    );
  });
});
