import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { errorMessage } from '../../src/util/error-message.js';
import { DOTS_PER_LINE, GUIDE_LINES } from '../evolis/protocol/index.js';
import type { GuideBitmap } from './bitmaps.js';
import type { EmulatedMachine } from './machine.js';
import type { CardRecord } from './machine-types.js';

/**
 * Writes each printed card's panels into a folder when the card leaves the printer, so a person
 * can look at what a printer would have printed and a test can compare it:
 * - `<n>-k.pbm`, `<n>-o.pbm`: binary PBM, 648 wide × 1016 high, one guide line a row, a set bit
 *   (black) is ink;
 * - `<n>-y.pgm`, `<n>-m.pgm`, `<n>-c.pgm`: binary PGM, same size, maxval = levels − 1, written as
 *   brightness (maxval − level) so no ink shows white.
 * `<n>` is the card's number: every blank fed since the emulator started, never reused. Only the
 * panels the loaded ribbon prints are written (a `k` ribbon gives `<n>-k.pbm` alone).
 */
export function writeCardsTo(dir: string, machine: EmulatedMachine, log?: Logger): () => void {
  mkdirSync(dir, { recursive: true });
  return machine.onEvent((event) => {
    if (event.type !== 'card-out' || !event.card.printed) return;
    try {
      writeCard(dir, event.card);
    } catch (error) {
      log?.error({ err: errorMessage(error), dir }, 'could not write a printed card');
    }
  });
}

export function writeCard(dir: string, card: Readonly<CardRecord>): void {
  for (const [panel, bitmap] of card.panels) {
    const extension = bitmap.kind === 'mono' ? 'pbm' : 'pgm';
    writeFileSync(join(dir, `${card.number}-${panel}.${extension}`), imageOf(bitmap));
  }
}

function imageOf(bitmap: GuideBitmap): Buffer {
  if (bitmap.kind === 'mono') {
    return Buffer.concat([Buffer.from(`P4\n${DOTS_PER_LINE} ${GUIDE_LINES}\n`, 'latin1'), bitmap.lines]);
  }
  const max = bitmap.resolution - 1;
  const levels = bitmap.levels();
  const pixels = Buffer.allocUnsafe(levels.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = max - (levels[i] as number);
  return Buffer.concat([Buffer.from(`P5\n${DOTS_PER_LINE} ${GUIDE_LINES}\n${max}\n`, 'latin1'), pixels]);
}
