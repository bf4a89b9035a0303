/**
 * PackBits run-length coding, the `Dbc` download's compression (PROTOCOL.md, "Download"): the
 * scheme of TIFF and Apple's MacPaint, chosen because a card face is mostly long runs (white,
 * the flat tint) and both ends fit in a page. A header byte `n` is followed by
 * - `n` 0–127: `n + 1` literal bytes;
 * - `n` 129–255: one byte repeated `257 - n` times (2–128);
 * - `n` 128: nothing (never written; skipped when read).
 */

/** Runs shorter than this stay literal: a run of two costs as much as two literals. */
const MIN_RUN = 3;
const MAX_CHUNK = 128;

/** `data` packed; at most `data.length + ceil(data.length / 128)` bytes. */
export function packBits(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + Math.ceil(data.length / MAX_CHUNK) + 1);
  let o = 0;
  let i = 0;
  let literalStart = 0;
  const flushLiterals = (end: number) => {
    for (let from = literalStart; from < end; from += MAX_CHUNK) {
      const count = Math.min(MAX_CHUNK, end - from);
      out[o++] = count - 1;
      out.set(data.subarray(from, from + count), o);
      o += count;
    }
  };
  while (i < data.length) {
    const value = data[i] as number;
    let run = 1;
    while (i + run < data.length && run < MAX_CHUNK && data[i + run] === value) run++;
    if (run >= MIN_RUN) {
      flushLiterals(i);
      out[o++] = 257 - run;
      out[o++] = value;
      i += run;
      literalStart = i;
    } else {
      i += run;
    }
  }
  flushLiterals(data.length);
  return out.slice(0, o);
}

/**
 * Unpacks `packed`, which must come to exactly `size` bytes. Undefined when it does not (short,
 * or a run past the end): the printer answers that download `ERR SIZE`.
 */
export function unpackBits(packed: Uint8Array, size: number): Uint8Array | undefined {
  const out = new Uint8Array(size);
  let o = 0;
  let i = 0;
  while (i < packed.length) {
    const header = packed[i++] as number;
    if (header < 128) {
      const count = header + 1;
      if (o + count > size || i + count > packed.length) return undefined;
      out.set(packed.subarray(i, i + count), o);
      o += count;
      i += count;
    } else if (header > 128) {
      const count = 257 - header;
      if (o + count > size || i >= packed.length) return undefined;
      out.fill(packed[i++] as number, o, o + count);
      o += count;
    }
  }
  return o === size ? out : undefined;
}
