import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packBits, unpackBits } from '../../../drivers/evolis/packbits.js';
import { blankPanel, panelDownload } from '../../../drivers/evolis/panels.js';
import { createPrng } from '../../../src/util/prng.js';
import { CommandDecoder } from './command-decoder.js';

/** Bytes with long runs and short stretches of noise, like a card face. */
const runsAndNoise = fc
  .array(
    fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 400 }))
        .map(([v, n]) => new Array(n).fill(v)),
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

describe('PackBits', () => {
  it('round-trips any bytes, and never grows them by more than a byte in 128', () => {
    fc.assert(
      fc.property(fc.oneof(runsAndNoise, fc.uint8Array({ maxLength: 2000 })), (data) => {
        const packed = packBits(data);
        expect(packed.length).toBeLessThanOrEqual(data.length + Math.ceil(data.length / 128));
        expect(unpackBits(packed, data.length)).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses packed data that does not come to the size asked for', () => {
    const packed = packBits(new Uint8Array(1000));
    expect(unpackBits(packed, 999)).toBeUndefined();
    expect(unpackBits(packed, 1001)).toBeUndefined();
    expect(unpackBits(Uint8Array.of(5, 1, 2), 6)).toBeUndefined(); // a literal cut short
  });
});

describe('a panel download', () => {
  it('is Dbc when packing saves bytes: a blank panel goes down in 1,286 bytes, not 82,296', () => {
    const { name, frame } = panelDownload('k', blankPanel('k'));
    expect(name).toBe('Dbc');
    const [command] = new CommandDecoder().push(frame);
    expect(command?.name).toBe('Dbc');
    expect(command?.params).toEqual(['k', '1', '1286']);
    expect(unpackBits(command?.data ?? new Uint8Array(), 82_296)).toEqual(new Uint8Array(82_296));
  });

  it('is Db with the raw bitmap when packing would not save bytes (noise)', () => {
    const random = createPrng(7);
    const noise = Uint8Array.from({ length: 658_368 }, () => Math.floor(random() * 256));
    const { name, frame } = panelDownload('c', noise);
    expect(name).toBe('Db');
    const [command] = new CommandDecoder().push(frame);
    expect(command?.params).toEqual(['c', '8', '658368']);
    expect(Buffer.from(command?.data ?? []).equals(Buffer.from(noise))).toBe(true);
  });
});
