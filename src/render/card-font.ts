import { readFileSync } from 'node:fs';
import type { Font } from 'opentype.js';
import { parse as parseFont } from 'opentype.js/dist/opentype.min.mjs';
import { CetakError } from '../errors.js';
import { type GlyphBitmap, rasterizeOutline } from './glyph-raster.js';

/**
 * A TrueType font as the renderer uses it: advance widths for fitting, and glyphs as 1-bit dots,
 * both cached, so a card after the first costs only look-ups and copies. No kerning: KTP-el text
 * is upper case, where DejaVu's kerning pairs move a glyph by a dot or two at these sizes, and
 * the same widths serve the intake's fit check and the renderer without a second code path.
 */
export class CardFont {
  readonly name: string;
  /** Ascender and descender as fractions of the size (positive). */
  readonly ascent: number;
  readonly descent: number;
  readonly #font: Font;
  readonly #unitsPerEm: number;
  readonly #advances = new Map<string, number>();
  readonly #present = new Map<string, boolean>();
  readonly #glyphs = new Map<string, GlyphBitmap>();

  constructor(font: Font, name: string) {
    this.#font = font;
    this.name = name;
    this.#unitsPerEm = font.unitsPerEm;
    this.ascent = font.ascender / font.unitsPerEm;
    this.descent = -font.descender / font.unitsPerEm;
  }

  /** Whether the font has a glyph for `char` (a missing one would print as an empty box). */
  has(char: string): boolean {
    let present = this.#present.get(char);
    if (present === undefined) {
      present = char === ' ' || this.#font.charToGlyphIndex(char) > 0;
      this.#present.set(char, present);
    }
    return present;
  }

  /** Whether every character of `text` has a glyph. */
  hasAll(text: string): boolean {
    for (const char of text) if (!this.has(char)) return false;
    return true;
  }

  /** Advance width of `text` at `size` dots per em. */
  width(text: string, size: number): number {
    let units = 0;
    for (const char of text) units += this.#advance(char);
    return (units * size) / this.#unitsPerEm;
  }

  /** Advance of one character at `size`. */
  advance(char: string, size: number): number {
    return (this.#advance(char) * size) / this.#unitsPerEm;
  }

  /** The character's dots at `size`, relative to the pen on the baseline. */
  glyph(char: string, size: number): GlyphBitmap {
    const key = `${size}\u0000${char}`;
    let bitmap = this.#glyphs.get(key);
    if (!bitmap) {
      const commands = this.#font.charToGlyph(char).path.commands;
      bitmap = rasterizeOutline(commands, size / this.#unitsPerEm);
      this.#glyphs.set(key, bitmap);
    }
    return bitmap;
  }

  #advance(char: string): number {
    let units = this.#advances.get(char);
    if (units === undefined) {
      units = this.#font.charToGlyph(char).advanceWidth ?? 0;
      this.#advances.set(char, units);
    }
    return units;
  }
}

const loaded = new Map<string, CardFont>();

/**
 * The font in a TrueType file, parsed once per process: parsing DejaVu takes tens of
 * milliseconds, and fonts never change while the daemon runs. Throws `CONFIG_INVALID`.
 */
export function loadFont(path: string): CardFont {
  let font = loaded.get(path);
  if (font) return font;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new CetakError('CONFIG_INVALID', `cannot read font ${path}: ${why}`, { cause: error });
  }
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    // lowMemory reads glyphs when first asked for: a card uses a few dozen of DejaVu's 6,000.
    font = new CardFont(parseFont(buffer, { lowMemory: true }), path);
  } catch (error) {
    throw new CetakError('CONFIG_INVALID', `${path} is not a TrueType font: ${(error as Error).message}`, {
      cause: error,
    });
  }
  loaded.set(path, font);
  return font;
}
