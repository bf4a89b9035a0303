import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, ReplyParser } from '../../../drivers/evolis/framing.js';

const reply = fc.stringMatching(/^[\x20-\x7e]{1,60}$/);
/** A line with at least one byte outside 0x20–0x7E that is neither CR nor LF. */
const noise = fc
  .tuple(
    fc.uint8Array({ maxLength: 20 }),
    fc.integer({ min: 0, max: 0xff }).filter((b) => (b < 0x20 || b > 0x7e) && b !== 0x0d && b !== 0x0a),
    fc.uint8Array({ maxLength: 20 }),
  )
  .map(([a, bad, b]) => Buffer.from([...a, bad, ...b].filter((x) => x !== 0x0d)))
  // LFs at the ends are stripped; keep the bad byte somewhere that still counts.
  .filter((bytes) => bytes.some((x) => x !== 0x0a));

type Item = { kind: 'reply'; text: string; crlf: boolean } | { kind: 'noise'; bytes: Buffer };
const item: fc.Arbitrary<Item> = fc.oneof(
  fc.record({ kind: fc.constant('reply' as const), text: reply, crlf: fc.boolean() }),
  noise.map((bytes) => ({ kind: 'noise' as const, bytes })),
);

/** Cuts `bytes` at the given (sorted, deduplicated) offsets. */
function cut(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

describe('reply parser', () => {
  it('recovers every well-formed reply in order and drops noise lines, however the bytes are cut', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 15 }),
        fc.uint8Array({ maxLength: 30 }).map((tail) => Buffer.from(tail.filter((b) => b !== 0x0d))),
        fc.array(fc.nat(), { maxLength: 20 }),
        (items, unfinishedTail, offsets) => {
          const wire = Buffer.concat([
            ...items.map((i) =>
              i.kind === 'reply'
                ? Buffer.from(`${i.text}\r${i.crlf ? '\n' : ''}`, 'latin1')
                : Buffer.concat([i.bytes, Buffer.of(0x0d)]),
            ),
            unfinishedTail,
          ]);
          const parser = new ReplyParser();
          const lines = cut(wire, offsets).flatMap((chunk) => parser.push(chunk));
          const replies = items.flatMap((i) => (i.kind === 'reply' ? [i.text] : []));
          expect(lines).toEqual(replies);
          expect(parser.noiseLines).toBe(items.filter((i) => i.kind === 'noise').length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on random bytes and only ever emits printable lines of bounded length', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 6000 }), { maxLength: 8 }), (chunks) => {
        const parser = new ReplyParser();
        for (const chunk of chunks) {
          for (const line of parser.push(Buffer.from(chunk))) {
            expect(line).toMatch(/^[\x20-\x7e]+$/);
            expect(line.length).toBeLessThanOrEqual(MAX_LINE_BYTES);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('strips a stray LF at either end of a line', () => {
    const parser = new ReplyParser();
    expect(parser.push(Buffer.from('\nOK\r\nREADY\n\r\n', 'latin1'))).toEqual(['OK', 'READY']);
    expect(parser.noiseLines).toBe(0);
  });

  it('drops a line that runs past 4096 bytes without CR, then reads on', () => {
    const parser = new ReplyParser();
    expect(parser.push(Buffer.alloc(3000, 'A'))).toEqual([]);
    expect(parser.push(Buffer.alloc(3000, 'B'))).toEqual([]);
    expect(parser.push(Buffer.from('CCC\rOK\r', 'latin1'))).toEqual(['OK']);
    expect(parser.overlongLines).toBe(1);
    expect(parser.push(Buffer.from(`${'D'.repeat(MAX_LINE_BYTES)}\r`, 'latin1'))).toEqual([
      'D'.repeat(MAX_LINE_BYTES),
    ]);
  });

  it('counts a noise line and keeps the next reply', () => {
    const parser = new ReplyParser();
    expect(parser.push(Buffer.from('\x00\xffREADY\rREADY\r', 'latin1'))).toEqual(['READY']);
    expect(parser.noiseLines).toBe(1);
  });

  it('forgets a partial line on reset', () => {
    const parser = new ReplyParser();
    parser.push(Buffer.from('GARB', 'latin1'));
    parser.reset();
    expect(parser.push(Buffer.from('OK\r', 'latin1'))).toEqual(['OK']);
  });
});
