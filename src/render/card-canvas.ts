import type { RenderedPanels } from '../drivers/driver.js';
import type { GlyphBitmap } from './glyph-raster.js';
import type { Box } from './layout-schema.js';

/**
 * A card face being drawn: one byte a dot for every panel, so drawing never does bit arithmetic;
 * `panels()` packs `k` and `o` into the printer's 1-bit rows at the end.
 */
export class CardCanvas {
  readonly width: number;
  readonly height: number;
  /** 1 = black. */
  readonly k: Uint8Array;
  /** 1 = overlay. */
  readonly o: Uint8Array;
  /** Ink, 0–255. */
  readonly c: Uint8Array;
  readonly m: Uint8Array;
  readonly y: Uint8Array;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    const dots = width * height;
    this.k = new Uint8Array(dots);
    this.o = new Uint8Array(dots);
    this.c = new Uint8Array(dots);
    this.m = new Uint8Array(dots);
    this.y = new Uint8Array(dots);
  }

  /** Paints a flat colour on Y, M, C: each panel carries the complement of one channel. */
  fillColour(box: Box, [r, g, b]: readonly [number, number, number]): void {
    for (let row = box.y; row < box.y + box.height; row++) {
      const from = row * this.width + box.x;
      this.c.fill(255 - r, from, from + box.width);
      this.m.fill(255 - g, from, from + box.width);
      this.y.fill(255 - b, from, from + box.width);
    }
  }

  /** Places RGBA pixels (opaque, already the box's size) on Y, M, C at `box`. */
  putColourImage(box: Box, data: Uint8Array): void {
    for (let row = 0; row < box.height; row++) {
      let at = (box.y + row) * this.width + box.x;
      let i = row * box.width * 4;
      for (let col = 0; col < box.width; col++, at++, i += 4) {
        this.c[at] = 255 - (data[i] as number);
        this.m[at] = 255 - (data[i + 1] as number);
        this.y[at] = 255 - (data[i + 2] as number);
      }
    }
  }

  /** Marks `box` on the 1-bit panel `panel`. */
  fillBits(panel: 'k' | 'o', box: Box): void {
    const plane = this[panel];
    for (let row = box.y; row < box.y + box.height; row++) {
      const from = row * this.width + box.x;
      plane.fill(1, from, from + box.width);
    }
  }

  /** A frame `thickness` dots wide just inside `box`, in black. */
  frame(box: Box, thickness: number): void {
    if (thickness <= 0) return;
    const t = Math.min(thickness, Math.floor(box.width / 2), Math.floor(box.height / 2));
    this.fillBits('k', { x: box.x, y: box.y, width: box.width, height: t });
    this.fillBits('k', { x: box.x, y: box.y + box.height - t, width: box.width, height: t });
    this.fillBits('k', { x: box.x, y: box.y, width: t, height: box.height });
    this.fillBits('k', { x: box.x + box.width - t, y: box.y, width: t, height: box.height });
  }

  /** Draws a glyph in black with its pen at (`x`, `baseline`), dropping dots outside `clip`. */
  glyph(bitmap: GlyphBitmap, x: number, baseline: number, clip: Box): void {
    const left = x + bitmap.left;
    const top = baseline + bitmap.top;
    const fromRow = Math.max(0, clip.y - top);
    const toRow = Math.min(bitmap.height, clip.y + clip.height - top);
    const fromCol = Math.max(0, clip.x - left);
    const toCol = Math.min(bitmap.width, clip.x + clip.width - left);
    for (let row = fromRow; row < toRow; row++) {
      const source = row * bitmap.width;
      const target = (top + row) * this.width + left;
      for (let col = fromCol; col < toCol; col++) {
        if (bitmap.dots[source + col]) this.k[target + col] = 1;
      }
    }
  }

  /**
   * The printer's panels. A Y/M/C panel with no ink is left out (nothing to print, nothing to
   * send); black is always there, since the printer needs a `k` panel to print at all.
   */
  panels(): RenderedPanels {
    const colour = (plane: Uint8Array) => (plane.some((v) => v !== 0) ? plane : undefined);
    const y = colour(this.y);
    const m = colour(this.m);
    const c = colour(this.c);
    return {
      k: packBits(this.k, this.width, this.height),
      o: packBits(this.o, this.width, this.height),
      ...(y && { y }),
      ...(m && { m }),
      ...(c && { c }),
    };
  }
}

/** One byte a dot (0 or 1) → 1 bit a dot, rows of `width / 8` bytes, most significant bit first. */
export function packBits(plane: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const whole = width >> 3;
  const out = new Uint8Array(rowBytes * height);
  for (let row = 0; row < height; row++) {
    let from = row * width;
    const to = row * rowBytes;
    // Eight dots a byte at once: a card is 1016 dots wide, a whole number of bytes.
    for (let b = 0; b < whole; b++, from += 8) {
      out[to + b] =
        ((plane[from] as number) << 7) |
        ((plane[from + 1] as number) << 6) |
        ((plane[from + 2] as number) << 5) |
        ((plane[from + 3] as number) << 4) |
        ((plane[from + 4] as number) << 3) |
        ((plane[from + 5] as number) << 2) |
        ((plane[from + 6] as number) << 1) |
        (plane[from + 7] as number);
    }
    for (let col = whole * 8; col < width; col++) {
      if (plane[row * width + col])
        out[to + (col >> 3)] = (out[to + (col >> 3)] as number) | (0x80 >> (col & 7));
    }
  }
  return out;
}

/** 1 bit a dot → one byte a dot (0 or 1): for previews and comparisons. */
export function unpackBits(bits: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      out[row * width + col] = ((bits[row * rowBytes + (col >> 3)] as number) >> (7 - (col & 7))) & 1;
    }
  }
  return out;
}
