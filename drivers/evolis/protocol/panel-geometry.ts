/**
 * The guide's bitmap (A5013, sections 2 and 4, `Db`): 1016 lines of 648 dots at 300 dpi, one
 * line across the card's short side, lines in printing direction. A 1-bit panel line is 81 bytes,
 * most significant bit first, a set bit is ink.
 *
 * Cetak renders faces the way a person reads the card: 1016 dots wide, 648 high, rows top to
 * bottom (`RenderedPanels` in `src/drivers/driver.ts`). Guide line `L` is the card's column `L`
 * (left to right) and dot `d` of a line is the card's row `647 − d` (bottom to top): the card
 * turned a quarter clockwise, as the vendor's Windows driver and the Perl driver of
 * `dpavlin/Printer-EVOLIS` both send it (see `test/fixtures/evolis/README.md`).
 */

export const GUIDE_LINES = 1016;
export const DOTS_PER_LINE = 648;
export const MONO_LINE_BYTES = DOTS_PER_LINE / 8; // 81
export const PANEL_DOTS = GUIDE_LINES * DOTS_PER_LINE;

/** The card's own orientation, as Cetak renders it. */
export const CARD_WIDTH = 1016;
export const CARD_HEIGHT = 648;
const CARD_ROW_BYTES = CARD_WIDTH / 8; // 127

export type PanelName = 'y' | 'm' | 'c' | 'k' | 'o';
export const PANEL_NAMES: readonly PanelName[] = ['y', 'm', 'c', 'k', 'o'];

export function isPanelName(name: string): name is PanelName {
  return (PANEL_NAMES as readonly string[]).includes(name);
}

/** `k` and `o` are monochrome; `y`, `m`, `c` carry levels of grey. */
export function isMonoPanel(panel: PanelName): boolean {
  return panel === 'k' || panel === 'o';
}

/** The guide's `resol` parameter: levels of grey a dot can take. */
export type Resolution = 2 | 32 | 64 | 128;

/**
 * Bits a dot takes in an uncompressed `Db`, by the `resol` parameter. The guide's own example
 * (`Db;y;6;…`) writes the bit count instead of the levels, so 5, 6 and 7 are read as 32, 64 and
 * 128 levels too.
 */
const RESOLUTIONS: Readonly<Record<string, Resolution>> = {
  '2': 2,
  '32': 32,
  '64': 64,
  '128': 128,
  '5': 32,
  '6': 64,
  '7': 128,
};

export function parseResolution(text: string): Resolution | undefined {
  return Object.hasOwn(RESOLUTIONS, text) ? RESOLUTIONS[text] : undefined;
}

export function bitsPerDot(resolution: Resolution): 1 | 5 | 6 | 7 {
  return resolution === 2 ? 1 : resolution === 32 ? 5 : resolution === 64 ? 6 : 7;
}

/** Bytes of `lines` uncompressed lines: 81 a line at 2 levels, 405/486/567 at 32/64/128. */
export function rawBytes(resolution: Resolution, lines = GUIDE_LINES): number {
  return (lines * DOTS_PER_LINE * bitsPerDot(resolution)) / 8;
}

/** A 1-bit card panel (rows of 127 bytes) as guide lines (1016 × 81 bytes). */
export function monoCardToGuide(card: Uint8Array): Uint8Array {
  checkLength(card, CARD_ROW_BYTES * CARD_HEIGHT, '1-bit card panel');
  const guide = new Uint8Array(GUIDE_LINES * MONO_LINE_BYTES);
  for (let y = 0; y < CARD_HEIGHT; y++) {
    const dot = CARD_HEIGHT - 1 - y;
    const guideByte = dot >> 3;
    const guideBit = 0x80 >> (dot & 7);
    const row = y * CARD_ROW_BYTES;
    for (let xb = 0; xb < CARD_ROW_BYTES; xb++) {
      const byte = card[row + xb] as number;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if (byte & (0x80 >> bit)) {
          const line = xb * 8 + bit;
          guide[line * MONO_LINE_BYTES + guideByte] =
            (guide[line * MONO_LINE_BYTES + guideByte] as number) | guideBit;
        }
      }
    }
  }
  return guide;
}

/**
 * An 8-bit card panel (1016 × 648, 0–255 ink, row by row) as guide dots (1016 lines × 648), each
 * at the guide level nearest its ink (0 = no ink, levels − 1 = full): what the driver does for
 * every colour panel of every card, into `into` when given (a buffer the caller reuses).
 */
export function inkCardToGuideLevels(
  card: Uint8Array,
  resolution: Resolution,
  into: Uint8Array = new Uint8Array(PANEL_DOTS),
): Uint8Array {
  checkLength(card, PANEL_DOTS, '8-bit card panel');
  checkLength(into, PANEL_DOTS, 'guide levels');
  const table = levelTable(resolution);
  const guide = into;
  for (let line = 0; line < GUIDE_LINES; line++) {
    const base = line * DOTS_PER_LINE + CARD_HEIGHT - 1;
    for (let y = 0; y < CARD_HEIGHT; y++)
      guide[base - y] = table[card[y * CARD_WIDTH + line] as number] as number;
  }
  return guide;
}

function levelTable(resolution: Resolution): Uint8Array {
  const top = resolution - 1;
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.round((v * top) / 255);
  return table;
}

function checkLength(data: Uint8Array, expected: number, what: string): void {
  if (data.length !== expected) throw new RangeError(`${what}: ${data.length} bytes, expected ${expected}`);
}
