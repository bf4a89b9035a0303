import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCetakError } from '../../../src/errors.js';
import { type Answer, EXTENSIONS, GUIDE_PRINTER, SILENT } from './fake-printer.js';
import { CARD, evolisScene, fakeEncoder, type Scene, track } from './scene.js';

const LINES = [
  'OK',
  'NO CARD',
  'ERR CARD',
  'ERR RIBBON',
  'ERR FEEDER EMPTY',
  'ERR COVER OPEN',
  'ERR TIMEOUT',
  'ERR UNKNOWN',
  '0',
  '1',
  '100',
  '505',
  'internal=30.0;roller=160.0;heater=1',
  'feeder=1;hopper=2;ribbon=3;film=4',
];

const answer: fc.Arbitrary<Answer> = fc.oneof(
  { arbitrary: fc.constantFrom(...LINES), weight: 6 },
  { arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,30}$/), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 64 }).map((raw): Answer => ({ raw })), weight: 1 },
  { arbitrary: fc.constant(SILENT), weight: 1 },
  { arbitrary: fc.record({ after: fc.nat(400_000), reply: fc.constantFrom(...LINES) }), weight: 1 },
);

/** Every command the driver may send, with what a healthy printer answers. */
const HEALTHY: Readonly<Record<string, Answer>> = {
  ...GUIDE_PRINTER,
  ...EXTENSIONS,
  'Rlr;p': 'NO CARD',
  'Rco;c': '100',
  'Rco;p': '500',
};
/** Mostly the answer a healthy printer gives, so that runs get deep into a card's cycle. */
const answerTo = (key: string) =>
  fc.oneof({ arbitrary: fc.constant(HEALTHY[key] as Answer), weight: 3 }, { arbitrary: answer, weight: 2 });
/** For each command, the answers it gets in turn, round and round. */
const answers = fc.record(
  Object.fromEntries(
    Object.keys(HEALTHY).map((key) => [key, fc.array(answerTo(key), { minLength: 1, maxLength: 4 })]),
  ) as Record<string, fc.Arbitrary<Answer[]>>,
);
const style = fc.constantFrom('cr' as const, 'nul' as const, 'ack-nack' as const);
const chip = fc.constantFrom<'none' | 'ok' | 'fails'>('none', 'ok', 'fails');

function answerAtRandom({ printer }: Scene, lists: Readonly<Record<string, readonly Answer[]>>): void {
  for (const [key, list] of Object.entries(lists)) {
    let next = 0;
    printer.set(key, () => list[next++ % list.length] as Answer);
  }
}

function scene(replyStyle: 'cr' | 'nul' | 'ack-nack', encoder: 'none' | 'ok' | 'fails'): Scene {
  return evolisScene({
    extensions: true,
    style: replyStyle,
    driver: {
      recoveryWindowMs: 15 * 60_000,
      ...(encoder !== 'none' && {
        encoder: fakeEncoder(encoder === 'ok' ? { ok: true, uid: '04A1' } : { ok: false, reason: 'no chip' }),
      }),
    },
  });
}

/** Far beyond the worst case (every step timing out, then the recovery window): a hang fails. */
const LIMIT_MS = 3 * 60 * 60_000;

describe('evolis driver on random replies', () => {
  it('connect never throws synchronously and settles with a coded error or an identity', async () => {
    await fc.assert(
      fc.asyncProperty(answers, style, async (lists, replyStyle) => {
        const s = scene(replyStyle, 'none');
        answerAtRandom(s, lists);
        const connecting = track(s.driver.connect());
        await s.clock.until(() => connecting.settled(), LIMIT_MS, 60_000);
        const error = connecting.error();
        if (error !== undefined) expect(isCetakError(error), String(error)).toBe(true);
        await s.driver.close();
      }),
      { numRuns: 150 },
    );
  });

  it('printCard, warmUp and close never throw synchronously and settle', async () => {
    await fc.assert(
      fc.asyncProperty(answers, style, chip, async (lists, replyStyle, encoder) => {
        const s = scene(replyStyle, encoder);
        const { driver, clock } = s;
        await driver.connect();
        answerAtRandom(s, lists);

        const printing = track(driver.printCard(CARD));
        await clock.until(() => printing.settled(), LIMIT_MS, 60_000);
        const error = printing.error();
        if (error !== undefined) {
          expect(
            isCetakError(error) && ['LINK_TIMEOUT', 'LINK_LOST', 'REPLY_INVALID'].includes(error.code),
            String(error),
          ).toBe(true);
        } else {
          expect(['printed', 'spoiled', 'not-started']).toContain(printing.value()?.result);
        }

        // warmUp may rightly wait for the roller for ever: its caller's signal bounds it.
        const abort = new AbortController();
        const warming = track(driver.warmUp(abort.signal));
        await clock.advance(5 * 60_000);
        abort.abort(new Error('enough'));
        await clock.settle();
        expect(warming.settled()).toBe(true);

        const closing = track(driver.close());
        await clock.settle();
        expect(closing.settled()).toBe(true);
        const sent = s.printer.received.length;
        await clock.advance(10 * 60_000);
        expect(s.printer.received.length).toBe(sent);
      }),
      { numRuns: 150 },
    );
  });
});
