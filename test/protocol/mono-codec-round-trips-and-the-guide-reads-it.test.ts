import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressMono, decompressMono, GUIDE_LINES } from '../../drivers/evolis/protocol/index.js';
import { decodeMonoPanel, LINES, MONO_LINE_BYTES } from './guide-decoder.js';

/**
 * K/O compression (section 4): production compresses and decompresses any panel back to itself,
 * and the guide decoder reads what production writes as the same panel. On arbitrary compressed
 * bytes the two decoders agree on what they accept and on what it means.
 */

const line = fc.oneof(
  fc.constant(new Uint8Array(MONO_LINE_BYTES)),
  fc.constant(new Uint8Array(MONO_LINE_BYTES).fill(0xff)),
  fc
    .tuple(fc.uint8Array({ minLength: MONO_LINE_BYTES, maxLength: MONO_LINE_BYTES }), fc.nat(MONO_LINE_BYTES))
    .map(([bytes, whiteTail]) => bytes.fill(0, MONO_LINE_BYTES - whiteTail)),
  fc.nat(MONO_LINE_BYTES - 1).map((at) => {
    const one = new Uint8Array(MONO_LINE_BYTES);
    one[at] = 0x01;
    return one;
  }),
);

const panel = fc.array(line, { minLength: 1, maxLength: 60 }).map((lines) => {
  const out = new Uint8Array(lines.length * MONO_LINE_BYTES);
  lines.forEach((l, i) => {
    out.set(l, i * MONO_LINE_BYTES);
  });
  return out;
});

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

describe('the K/O codec', () => {
  it('writes the three line forms of section 4', () => {
    const white = new Uint8Array(MONO_LINE_BYTES);
    const black = new Uint8Array(MONO_LINE_BYTES).fill(0xff);
    const firstDot = new Uint8Array(MONO_LINE_BYTES);
    firstDot[0] = 0x80;
    const lastDot = new Uint8Array(MONO_LINE_BYTES);
    lastDot[80] = 0x01;
    const almostBlack = black.slice();
    almostBlack[40] = 0xfe;
    const lines = [white, black, firstDot, lastDot, almostBlack];
    const all = new Uint8Array(lines.length * MONO_LINE_BYTES);
    lines.forEach((l, i) => {
      all.set(l, i * MONO_LINE_BYTES);
    });
    expect([...compressMono(all)]).toEqual([
      0x00,
      0xff,
      1,
      0x80,
      81,
      ...new Array(80).fill(0),
      0x01,
      81,
      ...almostBlack,
    ]);
  });

  it('round-trips any panel, and the guide decoder reads it the same', () => {
    fc.assert(
      fc.property(panel, (lines) => {
        const count = lines.length / MONO_LINE_BYTES;
        const compressed = compressMono(lines);
        const back = decompressMono(compressed, count);
        expect(back).toMatchObject({ ok: true, lines: count });
        expect(back.ok && same(back.data, lines)).toBe(true);

        const guide = decodeMonoPanel(compressed);
        expect(same(guide.subarray(0, lines.length), lines)).toBe(true);
        expect(guide.subarray(lines.length).every((b) => b === 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips a whole 1016-line panel', () => {
    const lines = new Uint8Array(GUIDE_LINES * MONO_LINE_BYTES);
    for (let i = 0; i < lines.length; i++) lines[i] = (i * 37) % 7 === 0 ? 0xff : i % 81 > 60 ? 0 : i & 0xff;
    const compressed = compressMono(lines);
    const back = decompressMono(compressed, GUIDE_LINES);
    expect(back.ok && back.lines === GUIDE_LINES && same(back.data, lines)).toBe(true);
    expect(same(decodeMonoPanel(compressed), lines)).toBe(true);
  });

  it('agrees with the guide decoder on arbitrary compressed bytes, refusals included', () => {
    const token = fc.oneof(
      fc.constant([0x00]),
      fc.constant([0xff]),
      fc
        .integer({ min: 1, max: MONO_LINE_BYTES })
        .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => [n, ...b])),
      fc.integer({ min: MONO_LINE_BYTES + 1, max: 0xfe }).map((n) => [n]),
    );
    const stream = fc.tuple(fc.array(token, { maxLength: 40 }), fc.nat(5)).map(([tokens, cut]) => {
      const bytes = tokens.flat();
      return Uint8Array.from(bytes.slice(0, Math.max(0, bytes.length - cut)));
    });
    fc.assert(
      fc.property(stream, fc.integer({ min: 1, max: 40 }), (bytes, maxLines) => {
        const production = decompressMono(bytes, maxLines);
        let guide: Uint8Array | Error;
        try {
          guide = decodeMonoPanel(bytes, LINES - maxLines);
        } catch (error) {
          guide = error as Error;
        }
        expect(production.ok).toBe(!(guide instanceof Error));
        if (production.ok && !(guide instanceof Error)) {
          // The guide decoder wrote the lines at the end of its panel (first line 1016 − maxLines).
          const tail = guide.subarray((LINES - maxLines) * MONO_LINE_BYTES);
          expect(same(production.data, tail)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
