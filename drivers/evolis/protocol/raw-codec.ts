import { bitsPerDot, type Resolution } from './panel-geometry.js';

/**
 * Uncompressed `Db` data (A5013, `Db` page): dots in download order, each in as many bits as the
 * resolution needs (1, 5, 6 or 7), packed most significant bit first with no padding, "so that
 * each bit is useful". One byte a dot in, packed bytes out, and back.
 */

export function packDots(levels: Uint8Array, resolution: Resolution): Uint8Array {
  const bits = bitsPerDot(resolution);
  const out = new Uint8Array(Math.ceil((levels.length * bits) / 8));
  let bitPos = 0;
  for (let i = 0; i < levels.length; i++) {
    const value = levels[i] as number;
    if (value >= 1 << bits) throw new RangeError(`dot ${i}: level ${value} does not fit ${bits} bits`);
    for (let b = bits - 1; b >= 0; b--) {
      if ((value >> b) & 1) out[bitPos >> 3] = (out[bitPos >> 3] as number) | (0x80 >> (bitPos & 7));
      bitPos++;
    }
  }
  return out;
}

export function unpackDots(packed: Uint8Array, resolution: Resolution, dots: number): Uint8Array {
  const bits = bitsPerDot(resolution);
  if (packed.length * 8 < dots * bits)
    throw new RangeError(`${packed.length} bytes hold fewer than ${dots} dots`);
  const out = new Uint8Array(dots);
  let bitPos = 0;
  for (let i = 0; i < dots; i++) {
    let value = 0;
    for (let b = 0; b < bits; b++) {
      value = (value << 1) | (((packed[bitPos >> 3] as number) >> (7 - (bitPos & 7))) & 1);
      bitPos++;
    }
    out[i] = value;
  }
  return out;
}
