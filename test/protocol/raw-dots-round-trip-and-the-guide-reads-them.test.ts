import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bitsPerDot,
  PANEL_DOTS,
  packDots,
  parseResolution,
  type Resolution,
  rawBytes,
  unpackDots,
} from '../../drivers/evolis/protocol/index.js';
import { BITS_BY_LEVELS, unpackDots as guideUnpack, splitStream } from './guide-decoder.js';
import { concat } from './stream-feeding.js';

/**
 * Uncompressed `Db` data (the `Db` page): dots packed MSB first in 1, 5, 6 or 7 bits "so that
 * each bit is useful". Production packs and unpacks any dots back to themselves, the guide
 * decoder unpacks what production packs to the same dots, and a whole panel is the size the
 * guide decoder frames a `Db` by.
 */

const RESOLUTIONS: readonly Resolution[] = [2, 32, 64, 128];

describe('uncompressed dots', () => {
  it.each(RESOLUTIONS)(
    'round-trip at %i levels, and the guide decoder unpacks them the same',
    (resolution) => {
      const bits = bitsPerDot(resolution);
      expect(bits).toBe(BITS_BY_LEVELS[resolution]);
      const dots = fc.array(
        fc.oneof(fc.constant(0), fc.constant((1 << bits) - 1), fc.integer({ min: 0, max: (1 << bits) - 1 })),
        { maxLength: 2000 },
      );
      fc.assert(
        fc.property(dots, (values) => {
          const levels = Uint8Array.from(values);
          const packed = packDots(levels, resolution);
          expect(packed.length).toBe(Math.ceil((levels.length * bits) / 8));
          expect([...unpackDots(packed, resolution, levels.length)]).toEqual(values);
          expect([...guideUnpack(packed, bits, levels.length)]).toEqual(values);
        }),
        { numRuns: 100 },
      );
    },
  );

  it('pack the first dot into the most significant bits', () => {
    expect([...packDots(Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 1), 2)]).toEqual([0x81]);
    expect([...packDots(Uint8Array.of(31, 0, 1), 32)]).toEqual([0xf8, 0x02]);
    expect([...packDots(Uint8Array.of(63, 1), 64)]).toEqual([0xfc, 0x10]);
    expect([...packDots(Uint8Array.of(127, 0, 0, 0, 0, 0, 0, 127), 128)]).toEqual([
      0xfe, 0, 0, 0, 0, 0, 0x7f,
    ]);
  });

  it.each([
    [2, 82_296],
    [32, 411_480],
    [64, 493_776],
    [128, 576_072],
  ] as const)(
    'make a %i-level panel of 648 × 1016 × bits / 8 = %i bytes, as a Db is framed',
    (resolution, size) => {
      expect(rawBytes(resolution)).toBe(size);
      const panel = new Uint8Array(PANEL_DOTS).map((_, i) => (i * 7) % resolution);
      const packed = packDots(panel, resolution);
      expect(packed.length).toBe(size);
      // The guide decoder frames a Db of this resolution by exactly this many bytes.
      const [db, se] = splitStream(concat(`\x1bDb;y;${resolution};`, packed, '\r\x1bSe\r'));
      expect(db?.data?.length).toBe(size);
      expect(se?.name).toBe('Se');
      expect(Buffer.from(guideUnpack(packed, bitsPerDot(resolution))).equals(Buffer.from(panel))).toBe(true);
    },
  );

  it("reads the guide's own `Db;y;6;` example as 64 levels, as production chose", () => {
    // The guide writes bits (6) in its example where its table says levels (64).
    expect(parseResolution('6')).toBe(64);
    expect(parseResolution('64')).toBe(64);
    expect(parseResolution('65')).toBeUndefined();
  });
});
