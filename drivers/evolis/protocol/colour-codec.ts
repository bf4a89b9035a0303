import { bitsPerDot, DOTS_PER_LINE, type Resolution } from './panel-geometry.js';

/**
 * The Y, M and C panels' compression (A5013 section 4, "Compression of the YMC Panels"). Each
 * byte's most significant bit says what it is:
 * - MSB 0: one dot, its level in the low 5, 6 or 7 bits;
 * - MSB 1: a run: the level in the low bits and a counter in the next byte. At 64 levels the bit
 *   below the MSB adds 256 to the counter; at 32 levels the two bits below it add 256 each (so
 *   runs reach 255, 511 and 767 dots). A run of 0 is a white line: the rest of the line is white.
 *
 * Runs may go on into the next line (the guide does not bound them by a line); the encoder never
 * makes one that does, and writes the white-line token only for a line that is white throughout.
 */

const MSB = 0x80;

function maxRun(resolution: Resolution): number {
  return resolution === 128 ? 255 : resolution === 64 ? 511 : 767;
}

/** Compresses `levels` (one byte a dot, values below `resolution`) line by line. */
export function compressColour(levels: Uint8Array, resolution: Resolution): Uint8Array {
  if (resolution === 2) throw new RangeError('Y, M and C are compressed at 32, 64 or 128 levels');
  if (levels.length % DOTS_PER_LINE !== 0) {
    throw new RangeError(`a colour panel is lines of ${DOTS_PER_LINE} dots, got ${levels.length}`);
  }
  const valueMask = (1 << bitsPerDot(resolution)) - 1;
  const longest = maxRun(resolution);
  // At worst every dot alone (one byte each), or a white line (two bytes) per line. A fresh
  // buffer each call rather than one kept between calls: the operating system hands out so large a
  // block as untouched pages, so a face of tints costs the few pages it writes, not 660 kB held
  // for the daemon's life.
  const out = new Uint8Array(levels.length + (2 * levels.length) / DOTS_PER_LINE);
  let o = 0;
  for (let start = 0; start < levels.length; start += DOTS_PER_LINE) {
    const end = start + DOTS_PER_LINE;
    let white = true;
    for (let i = start; i < end && white; i++) white = levels[i] === 0;
    if (white) {
      out[o++] = MSB;
      out[o++] = 0;
      continue;
    }
    let i = start;
    while (i < end) {
      const level = levels[i] as number;
      if (level > valueMask) throw new RangeError(`dot ${i}: level ${level} is not below ${resolution}`);
      let run = 1;
      while (i + run < end && run < longest && levels[i + run] === level) run++;
      if (run === 1) out[o++] = level;
      else {
        const high = run >> 8; // how many 256s the spare bits carry
        const spare =
          resolution === 64
            ? high << 6
            : resolution === 32
              ? (high >= 1 ? 0x40 : 0) | (high >= 2 ? 0x20 : 0)
              : 0;
        out[o++] = MSB | spare | level;
        out[o++] = run - (high << 8);
      }
      i += run;
    }
  }
  return out.slice(0, o);
}

export type DecodedColour =
  | { readonly ok: true; readonly levels: Uint8Array; readonly dots: number }
  | { readonly ok: false; readonly why: string };

/** Decompresses into at most `maxDots` dots; `dots` says how many the data held. */
export function decompressColour(data: Uint8Array, resolution: Resolution, maxDots: number): DecodedColour {
  if (resolution === 2) return { ok: false, why: 'Y, M and C are compressed at 32, 64 or 128 levels' };
  const valueMask = (1 << bitsPerDot(resolution)) - 1;
  const out = new Uint8Array(maxDots);
  let dot = 0;
  let i = 0;
  while (i < data.length) {
    const byte = data[i++] as number;
    if ((byte & MSB) === 0) {
      if (dot >= maxDots) return { ok: false, why: `more than ${maxDots} dots (byte ${i - 1})` };
      out[dot++] = byte & valueMask;
      continue;
    }
    if (i >= data.length) return { ok: false, why: `a run's counter is missing at the end (byte ${i - 1})` };
    const counter = (data[i++] as number) + extraCount(byte, resolution);
    if (counter === 0) {
      // White to the end of this line (a whole line when it starts one).
      const lineEnd = (Math.floor(dot / DOTS_PER_LINE) + 1) * DOTS_PER_LINE;
      if (lineEnd > maxDots) return { ok: false, why: `more than ${maxDots} dots (byte ${i - 2})` };
      dot = lineEnd;
      continue;
    }
    if (dot + counter > maxDots) return { ok: false, why: `more than ${maxDots} dots (byte ${i - 2})` };
    out.fill(byte & valueMask, dot, dot + counter);
    dot += counter;
  }
  return { ok: true, levels: out, dots: dot };
}

function extraCount(byte: number, resolution: Resolution): number {
  if (resolution === 64) return byte & 0x40 ? 256 : 0;
  if (resolution === 32) return (byte & 0x40 ? 256 : 0) + (byte & 0x20 ? 256 : 0);
  return 0;
}
