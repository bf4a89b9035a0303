import type { CardFont } from './card-font.js';
import type { Box } from './layout-schema.js';

/** What fitting needs to know of a text's place on the card. */
export interface FitRules {
  readonly box: Box;
  readonly font: CardFont;
  readonly size: number;
  readonly minSize: number;
  readonly lineHeight: number;
}

/** A text set in its box: the size it got and its lines, top to bottom. */
export interface FittedText {
  readonly size: number;
  readonly lines: readonly string[];
  /** Dots from the box's top to the first baseline. */
  readonly firstBaseline: number;
  /** Baseline to baseline at `size`. */
  readonly lineHeight: number;
}

interface Piece {
  readonly text: string;
  /** Advance width at size 1. */
  readonly em: number;
  /** Whether a space separates it from the piece before (false within a word split at / or -). */
  readonly spaced: boolean;
}

/** Whitespace runs become one space; the card has no tabs or line breaks of its own. */
export function normaliseText(text: string, upperCase: boolean): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  return upperCase ? plain.toUpperCase() : plain;
}

/**
 * Sets `text` in its box: at `size` if it fits on the lines the box holds, else a dot smaller at
 * a time down to `minSize`, wrapping at spaces and after `/` or `-`. Undefined when it cannot fit
 * even then: the caller refuses the card rather than print past the box or cut the text.
 *
 * The first baseline stays where it is at `size` whatever the size used, so a shrunk value still
 * sits on its label's baseline.
 */
export function fitText(text: string, rules: FitRules): FittedText | undefined {
  const { box, font, size, minSize } = rules;
  const firstBaseline = Math.ceil(size * font.ascent);
  if (text === '') return { size, lines: [], firstBaseline, lineHeight: rules.lineHeight };
  const pieces = piecesOf(text, font);
  const spaceEm = font.advance(' ', 1);
  for (let s = size; ; s = Math.max(minSize, s - 1)) {
    const lineHeight = (rules.lineHeight * s) / size;
    const room = box.height - firstBaseline - s * font.descent;
    const maxLines = room < 0 ? 0 : Math.floor(room / lineHeight) + 1;
    const lines = maxLines > 0 ? wrap(pieces, spaceEm, box.width / s, maxLines) : undefined;
    if (lines) return { size: s, lines, firstBaseline, lineHeight };
    if (s <= minSize) return undefined;
  }
}

function piecesOf(text: string, font: CardFont): Piece[] {
  const pieces: Piece[] = [];
  for (const word of text.split(' ')) {
    if (!word.includes('/') && !word.includes('-')) {
      pieces.push({ text: word, em: font.width(word, 1), spaced: true });
      continue;
    }
    word.split(/(?<=[/-])/).forEach((part, i) => {
      pieces.push({ text: part, em: font.width(part, 1), spaced: i === 0 });
    });
  }
  return pieces;
}

/** Greedy wrapping at width `widthEm` (in ems of the size tried); undefined past `maxLines`. */
function wrap(pieces: readonly Piece[], spaceEm: number, widthEm: number, maxLines: number) {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const piece of pieces) {
    if (piece.em > widthEm) return undefined;
    const gap = line === '' || !piece.spaced ? 0 : spaceEm;
    if (line !== '' && used + gap + piece.em > widthEm) {
      lines.push(line);
      if (lines.length >= maxLines) return undefined;
      line = piece.text;
      used = piece.em;
    } else {
      line += (gap > 0 ? ' ' : '') + piece.text;
      used += gap + piece.em;
    }
  }
  lines.push(line);
  return lines;
}
