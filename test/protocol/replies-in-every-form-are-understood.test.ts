import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLY_FORMS } from '../../drivers/emulator/emulator-schema.js';
import {
  ERROR_REASONS,
  encodeReply,
  NACK_CODES,
  type Reply,
  ReplyParser,
} from '../../drivers/evolis/protocol/index.js';
import { latin1, randomCuts } from './stream-feeding.js';

/**
 * A host reads the printer's replies in every form: text ended by CR or NUL, and section 5's
 * ACK/NACK protocol ("ACK" when a command went well, "NACK code" when not). The first reply fixes
 * the form, so a stray byte of the other form is noise.
 */

const ACK = '\x06';
const NACK = '\x15';

/** Section 5's NACK codes, in the guide's order. */
const GUIDE_NACK_CODES = ['1', '2', 'T', 'C', 'F', 'R', 'K', 'D', 'W'];

function read(text: string, parser = new ReplyParser()): Reply[] {
  return parser.push(latin1(text));
}

describe('replies', () => {
  it.each(['\r', '\x00'])('reads OK, values and ERR ended by %j', (end) => {
    const parser = new ReplyParser();
    expect(read(`OK${end}Dualys 3${end}ERR COVER OPEN${end}ERR${end}`, parser)).toEqual([
      { kind: 'ok' },
      { kind: 'value', text: 'Dualys 3' },
      { kind: 'error', reason: 'COVER OPEN' },
      { kind: 'error', reason: '' },
    ]);
    expect(parser.style).toBe('text');
  });

  it('reads ACK, a value before ACK, and NACK with its code', () => {
    const parser = new ReplyParser();
    expect(read(`${ACK}A5013${ACK}${NACK}C`, parser)).toEqual([
      { kind: 'ok' },
      { kind: 'value', text: 'A5013' },
      { kind: 'error', reason: 'COVER OPEN' },
    ]);
    expect(parser.style).toBe('ack-nack');
  });

  it("has a word for each of section 5's NACK codes, and keeps an unknown code visible", () => {
    expect(Object.keys(NACK_CODES).sort()).toEqual([...GUIDE_NACK_CODES].sort());
    for (const code of GUIDE_NACK_CODES) {
      expect(read(`${NACK}${code}`)).toEqual([{ kind: 'error', reason: NACK_CODES[code] }]);
    }
    expect(read(`${NACK}X`)).toEqual([{ kind: 'error', reason: 'NACK "X"' }]);
  });

  it('takes a NACK code that arrives in the next chunk', () => {
    const parser = new ReplyParser();
    expect(read(NACK, parser)).toEqual([]);
    expect(read('F', parser)).toEqual([{ kind: 'error', reason: NACK_CODES.F }]);
  });

  it('in text form, takes a stray ACK or NACK for noise, not for an answer', () => {
    const parser = new ReplyParser();
    expect(read('OK\r', parser)).toEqual([{ kind: 'ok' }]);
    expect(read(ACK, parser)).toEqual([]);
    expect(read('\r', parser)).toEqual([]);
    expect(read(`${NACK}1\r`, parser)).toEqual([]);
    expect(parser.noiseReplies).toBe(2);
    expect(read('OK\r', parser)).toEqual([{ kind: 'ok' }]);
  });

  it('in ACK/NACK form, takes CR, LF and NUL for nothing, not for empty replies', () => {
    const parser = new ReplyParser();
    expect(read(ACK, parser)).toEqual([{ kind: 'ok' }]);
    expect(read('\r\n\x00\r', parser)).toEqual([]);
    expect(read('12\r\n', parser)).toEqual([]);
    expect(read(ACK, parser)).toEqual([{ kind: 'value', text: '12' }]);
  });

  it('drops lines with bytes outside printable ASCII, and trims LFs around a line', () => {
    const parser = new ReplyParser();
    expect(read('\x01\x02\r\xffOK\r', parser)).toEqual([]);
    expect(parser.noiseReplies).toBe(2);
    expect(parser.style).toBe('unknown');
    expect(read('\r\n\nOK\n\r\n', parser)).toEqual([{ kind: 'ok' }]);
  });

  it('survives any bytes cut anywhere, and reads the next reply after a reset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, seed) => {
        const parser = new ReplyParser();
        const replies: Reply[] = [];
        let from = 0;
        for (const cut of [...randomCuts(Math.max(2, bytes.length), 5, seed), bytes.length]) {
          replies.push(...parser.push(bytes.subarray(from, Math.max(from, cut))));
          from = Math.max(from, cut);
        }
        for (const reply of replies) expect(['ok', 'value', 'error']).toContain(reply.kind);
        parser.reset();
        const next = parser.style === 'ack-nack' ? ACK : 'OK\r';
        expect(read(next, parser)).toEqual([{ kind: 'ok' }]);
      }),
      { numRuns: 300 },
    );
  });

  it('reads back what encodeReply writes, in each style', () => {
    const text = fc
      .stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,30}[\x21-\x7e]$|^[\x21-\x7e]$/)
      .filter((t) => t !== 'OK' && !t.startsWith('ERR'));
    const textReply: fc.Arbitrary<Reply> = fc.oneof(
      fc.constant<Reply>({ kind: 'ok' }),
      text.map((t): Reply => ({ kind: 'value', text: t })),
      text.map((t): Reply => ({ kind: 'error', reason: t })),
    );
    fc.assert(
      fc.property(
        fc.array(textReply, { maxLength: 8 }),
        fc.constantFrom(...REPLY_FORMS),
        (replies, style) => {
          // NACK carries a code, not the words: only ok and values go through it unchanged.
          const sent = style === 'ack-nack' ? replies.filter((r) => r.kind !== 'error') : replies;
          const wire = Buffer.concat(sent.map((r) => encodeReply(r, style)));
          expect(new ReplyParser().push(wire)).toEqual(sent);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sends each error as the NACK code of its category, and each NACK word as its own code', () => {
    for (const [reason, code] of Object.entries(ERROR_REASONS)) {
      expect(encodeReply({ kind: 'error', reason }, 'ack-nack')).toEqual(
        Buffer.from(`${NACK}${code}`, 'latin1'),
      );
    }
    for (const [code, word] of Object.entries(NACK_CODES)) {
      const wire = encodeReply({ kind: 'error', reason: word }, 'ack-nack');
      expect(wire.toString('latin1')).toBe(`${NACK}${code}`);
      expect(new ReplyParser().push(wire)).toEqual([{ kind: 'error', reason: word }]);
      expect(new ReplyParser().push(encodeReply({ kind: 'error', reason: word }, 'cr'))).toEqual([
        { kind: 'error', reason: word },
      ]);
    }
  });

  it('sends an error reason it has no code for as a command error, whatever the reason', () => {
    for (const reason of ['SOMETHING', 'toString', 'constructor', '__proto__', '']) {
      expect(encodeReply({ kind: 'error', reason }, 'ack-nack').toString('latin1')).toBe(`${NACK}1`);
    }
  });
});
