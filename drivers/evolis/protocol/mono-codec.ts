import { MONO_LINE_BYTES } from './panel-geometry.js';

/**
 * The K and O panels' compression (A5013 section 4, "Compression of K and O"), line by line:
 * `0x00` is a white line, `0xFF` a black line, and `N` from 1 to 81 is followed by the line's
 * first `N` bytes, the rest of the line being white (`N` is the index of the last byte that is
 * not white).
 */

const WHITE_LINE = 0x00;
const BLACK_LINE = 0xff;

/** Compresses whole lines of 81 bytes each. */
export function compressMono(lines: Uint8Array): Uint8Array {
  if (lines.length % MONO_LINE_BYTES !== 0) {
    throw new RangeError(`a 1-bit panel is lines of ${MONO_LINE_BYTES} bytes, got ${lines.length} bytes`);
  }
  const out = new Uint8Array(lines.length + lines.length / MONO_LINE_BYTES);
  let o = 0;
  for (let start = 0; start < lines.length; start += MONO_LINE_BYTES) {
    let last = MONO_LINE_BYTES - 1;
    while (last >= 0 && lines[start + last] === 0) last--;
    if (last < 0) {
      out[o++] = WHITE_LINE;
      continue;
    }
    let black = true;
    for (let i = 0; i < MONO_LINE_BYTES && black; i++) black = lines[start + i] === 0xff;
    if (black) {
      out[o++] = BLACK_LINE;
      continue;
    }
    out[o++] = last + 1;
    out.set(lines.subarray(start, start + last + 1), o);
    o += last + 1;
  }
  return out.slice(0, o);
}

export type Decoded =
  | { readonly ok: true; readonly data: Uint8Array; readonly lines: number }
  | { readonly ok: false; readonly why: string };

/**
 * Decompresses into `maxLines` lines at most; `lines` says how many the data held. A counter of
 * 82–254, or a line cut short by the end of the data, is refused with the byte offset.
 */
export function decompressMono(data: Uint8Array, maxLines: number): Decoded {
  const out = new Uint8Array(maxLines * MONO_LINE_BYTES);
  let line = 0;
  let i = 0;
  while (i < data.length) {
    if (line >= maxLines) return { ok: false, why: `more than ${maxLines} lines (byte ${i})` };
    const counter = data[i++] as number;
    const at = line * MONO_LINE_BYTES;
    if (counter === BLACK_LINE) out.fill(0xff, at, at + MONO_LINE_BYTES);
    else if (counter > MONO_LINE_BYTES) {
      return {
        ok: false,
        why: `line ${line}: counter ${counter} is not 0, 1–${MONO_LINE_BYTES} or 255 (byte ${i - 1})`,
      };
    } else if (counter > 0) {
      if (i + counter > data.length) return { ok: false, why: `line ${line}: data ends inside the line` };
      out.set(data.subarray(i, i + counter), at);
      i += counter;
    }
    line++;
  }
  return { ok: true, data: out, lines: line };
}
