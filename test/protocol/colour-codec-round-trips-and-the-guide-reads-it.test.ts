import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compressColour,
  DOTS_PER_LINE,
  decompressColour,
  PANEL_DOTS,
  type Resolution,
} from '../../drivers/evolis/protocol/index.js';
import { decodeColourPanel } from './guide-decoder.js';

/**
 * Y/M/C compression (section 4) at 32, 64 and 128 levels: production compresses and decompresses
 * any panel back to itself, long runs, white lines and the top level included, and the guide
 * decoder reads what production writes as the same dots.
 */

type Levels = 32 | 64 | 128;
const LEVELS: readonly Levels[] = [32, 64, 128];

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

function white(a: Uint8Array): boolean {
  return same(a, new Uint8Array(a.length));
}

/** Some lines built from runs (up to 900 dots, so past 255, 511 and 767), some lines all white. */
function panel(levels: Levels): fc.Arbitrary<Uint8Array> {
  const level = fc.oneof(fc.constant(0), fc.constant(levels - 1), fc.integer({ min: 0, max: levels - 1 }));
  const run = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 200, max: 900 }));
  return fc
    .tuple(
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.record({ level, run }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.nat(3), { maxLength: 2 }),
    )
    .map(([lines, runs, whiteLines]) => {
      const dots = new Uint8Array(lines * DOTS_PER_LINE);
      let at = 0;
      for (const r of runs) {
        dots.fill(r.level, at, Math.min(dots.length, at + r.run));
        at += r.run;
      }
      for (const w of whiteLines) dots.fill(0, w * DOTS_PER_LINE, (w + 1) * DOTS_PER_LINE);
      return dots;
    });
}

function checkBothDecoders(dots: Uint8Array, levels: Levels): void {
  const compressed = compressColour(dots, levels);
  const back = decompressColour(compressed, levels, dots.length);
  expect(back).toMatchObject({ ok: true, dots: dots.length });
  expect(back.ok && same(back.levels, dots)).toBe(true);

  const guide = decodeColourPanel(compressed, levels);
  expect(same(guide.subarray(0, dots.length), dots)).toBe(true);
  expect(white(guide.subarray(dots.length))).toBe(true);
}

describe('the Y/M/C codec', () => {
  it.each(LEVELS)('round-trips any panel at %i levels, and the guide decoder reads it the same', (levels) => {
    fc.assert(
      fc.property(panel(levels), (dots) => checkBothDecoders(dots, levels)),
      { numRuns: 150 },
    );
  });

  it.each(LEVELS)('carries runs of 256, 511, 512, 767 and 768 dots at %i levels', (levels) => {
    for (const length of [255, 256, 511, 512, 647, 767, 768, 1296]) {
      const dots = new Uint8Array(2 * DOTS_PER_LINE);
      dots.fill(levels - 1, 0, length);
      checkBothDecoders(dots, levels);
    }
  });

  it.each(LEVELS)('round-trips a whole panel at %i levels', (levels) => {
    const dots = new Uint8Array(PANEL_DOTS);
    for (let i = 0; i < dots.length; i++) dots[i] = Math.floor(i / 700) % 3 === 0 ? 0 : (i >> 9) % levels;
    checkBothDecoders(dots, levels);
  });

  // Byte for byte what the section 4 figures draw: the spare bits worth 256 and the white line.
  it.each([
    [128, [0xff, 255, 0xff, 255, 0xff, 138]],
    [64, [0xff, 255, 0xbf, 137]],
    [32, [0xff, 136]],
  ] as const)('writes a line of the top level at %i levels as the guide draws it', (levels, bytes) => {
    const dots = new Uint8Array(DOTS_PER_LINE).fill(levels - 1);
    expect([...compressColour(dots, levels as Resolution)]).toEqual(bytes);
  });

  // A white line, then a lone top-level dot and 647 dots of level 1 (512 + 135, 511 + 136, 3 runs).
  it.each([
    [32, [0xe1, 135]],
    [64, [0xc1, 255, 0x81, 136]],
    [128, [0x81, 255, 0x81, 255, 0x81, 137]],
  ] as const)(
    'writes a white line as a counter of 0 and a lone dot as one byte at %i levels',
    (levels, run) => {
      const dots = new Uint8Array(2 * DOTS_PER_LINE);
      dots[DOTS_PER_LINE] = levels - 1;
      dots.fill(1, DOTS_PER_LINE + 1);
      expect([...compressColour(dots, levels as Resolution)]).toEqual([0x80, 0x00, levels - 1, ...run]);
    },
  );

  it.each(LEVELS)('agrees with the guide decoder on arbitrary compressed bytes at %i levels', (levels) => {
    const lone = fc.integer({ min: 0, max: levels - 1 }).map((v) => [v]);
    const run = fc
      .tuple(fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0, max: 255 }))
      .map(([head, counter]) => [head, counter]);
    const blank = fc.constant([0x80 | (levels - 1), 0]);
    const stream = fc
      .tuple(fc.array(fc.oneof(lone, run, blank), { maxLength: 40 }), fc.boolean())
      .map(([tokens, cutLast]) => {
        const bytes = tokens.flat();
        return Uint8Array.from(cutLast ? bytes.slice(0, -1) : bytes);
      });
    fc.assert(
      fc.property(stream, (bytes) => {
        const production = decompressColour(bytes, levels, PANEL_DOTS);
        let guide: Uint8Array | Error;
        try {
          guide = decodeColourPanel(bytes, levels);
        } catch (error) {
          guide = error as Error;
        }
        expect(production.ok, `${levels} levels: ${[...bytes]}`).toBe(!(guide instanceof Error));
        if (production.ok && !(guide instanceof Error)) expect(same(production.levels, guide)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
