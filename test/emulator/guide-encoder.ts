/**
 * The guide's three data forms, written again here from A5013 itself (section 4 and the `Db`
 * page) rather than imported from the protocol module, so a download test checks the emulator
 * against the guide and not against the same code that builds Cetak's own downloads.
 */

export const LINES = 1016;
export const DOTS = 648;
export const LINE_BYTES = DOTS / 8;

/**
 * "Compression of K and O": line by line, `0` for a white line, `255` for a black one, else the
 * index of the last useful byte followed by the line's bytes up to it.
 */
export function compressKO(lines: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let at = 0; at < lines.length; at += LINE_BYTES) {
    const line = lines.subarray(at, at + LINE_BYTES);
    if (line.every((b) => b === 0)) out.push(0);
    else if (line.every((b) => b === 0xff)) out.push(0xff);
    else {
      let useful = LINE_BYTES;
      while (line[useful - 1] === 0) useful--;
      out.push(useful, ...line.subarray(0, useful));
    }
  }
  return Uint8Array.from(out);
}

/**
 * "Compression of the YMC Panels": MSB 0 is one dot; MSB 1 is a level repeated the next byte's
 * count of times, with bit 6 (64 levels), or bits 6 and 5 (32 levels), each adding 256 to the
 * count; a count of 0 is a white line.
 */
export function compressYMC(levels: Uint8Array, resolution: 32 | 64 | 128): Uint8Array {
  const longest = resolution === 128 ? 255 : resolution === 64 ? 511 : 767;
  const out: number[] = [];
  for (let start = 0; start < levels.length; start += DOTS) {
    const line = levels.subarray(start, start + DOTS);
    if (line.every((level) => level === 0)) {
      out.push(0x80, 0);
      continue;
    }
    for (let i = 0; i < DOTS; ) {
      const level = line[i] as number;
      let run = 1;
      while (i + run < DOTS && run < longest && line[i + run] === level) run++;
      if (run === 1) out.push(level);
      else {
        const extra = Math.floor(run / 256);
        let high = 0;
        if (resolution === 64 && extra === 1) high = 0x40;
        if (resolution === 32) high = (extra >= 1 ? 0x40 : 0) | (extra >= 2 ? 0x20 : 0);
        out.push(0x80 | high | level, run - extra * 256);
      }
      i += run;
    }
  }
  return Uint8Array.from(out);
}

/** The `Db` page: each dot in 1, 5, 6 or 7 bits, concatenated "in a way that each bit is useful". */
export function packDb(levels: Uint8Array, bits: 1 | 5 | 6 | 7): Uint8Array {
  const out = new Uint8Array(Math.ceil((levels.length * bits) / 8));
  let bit = 0;
  for (const level of levels) {
    for (let b = bits - 1; b >= 0; b--, bit++) {
      if ((level >> b) & 1) out[bit >> 3] = (out[bit >> 3] as number) | (0x80 >> (bit & 7));
    }
  }
  return out;
}

/** One byte a dot from a 1-bit panel's lines (for `packDb` at 2 levels). */
export function monoDots(lines: Uint8Array): Uint8Array {
  const dots = new Uint8Array(lines.length * 8);
  for (let i = 0; i < dots.length; i++) dots[i] = ((lines[i >> 3] as number) >> (7 - (i & 7))) & 1;
  return dots;
}

/** A K panel with white, black and partial lines, ESC, CR and `;` bytes among them. */
export function kPattern(): Uint8Array {
  const lines = new Uint8Array(LINES * LINE_BYTES);
  for (let line = 0; line < LINES; line++) {
    const at = line * LINE_BYTES;
    if (line % 7 === 1) lines.fill(0xff, at, at + LINE_BYTES);
    else if (line % 7 === 2) lines.set([0x1b, 0x0d, 0x3b, 0x00, 0x80], at + (line % 70));
    else if (line % 7 === 3) lines[at + LINE_BYTES - 1] = line & 0xff;
  }
  return lines;
}

/** Y, M or C levels below `resolution`: white lines, single dots, and runs longer than 255 and 511. */
export function levelsPattern(resolution: 32 | 64 | 128): Uint8Array {
  const levels = new Uint8Array(LINES * DOTS);
  for (let line = 0; line < LINES; line++) {
    const at = line * DOTS;
    if (line % 5 === 0) continue;
    if (line % 5 === 1) levels.fill((line % (resolution - 1)) + 1, at, at + 600);
    else if (line % 5 === 2) levels.fill(resolution - 1, at + 10, at + 10 + 300);
    else for (let dot = 0; dot < DOTS; dot++) levels[at + dot] = (dot * 7 + line) % resolution;
  }
  return levels;
}
