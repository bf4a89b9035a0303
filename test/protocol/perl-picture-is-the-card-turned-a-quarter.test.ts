import { describe, expect, it } from 'vitest';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  inkCardToGuideLevels,
  monoCardToGuide,
} from '../../drivers/evolis/protocol/index.js';
import {
  DOTS_PER_LINE,
  guideDotsToCard,
  monoPanelToCardRows,
  readPbm,
  splitStream,
  unpackDots,
  writePbm,
} from './guide-decoder.js';
import { perlFixture } from './stream-feeding.js';

/**
 * The independent Perl driver turned `front.pbm` (the card as a person sees it, 1016 × 648) with
 * `pnmflip -rotate270` and sent it as `Db;k;2;`. The production rotation must give its bytes, and
 * the guide decoder's rotation back must give the card: this pins the orientation on a third party.
 */

const front = readPbm(perlFixture('front.pbm'));
const picture = splitStream(perlFixture('perl-driver.stream')).find((c) => c.name === 'Db')?.data;

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

describe("the Perl driver's picture", () => {
  it('is a 1016 × 648 card and an 82 296-byte Db', () => {
    expect([front.width, front.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    expect(picture?.length).toBe(82_296);
  });

  it('is what the production rotation makes of the card', () => {
    expect(same(monoCardToGuide(front.rows), picture ?? new Uint8Array())).toBe(true);
  });

  it('turns back into the card with the guide decoder', () => {
    const data = picture ?? new Uint8Array();
    expect(same(monoPanelToCardRows(data), front.rows)).toBe(true);
    // The decoder's PBM writer gives the fixture's own file back.
    expect(same(writePbm(CARD_WIDTH, CARD_HEIGHT, monoPanelToCardRows(data)), perlFixture('front.pbm'))).toBe(
      true,
    );
  });

  it('is not symmetric, so a wrong turn could not pass', () => {
    const data = picture ?? new Uint8Array();
    const rowBytes = CARD_WIDTH / 8;
    const flippedRows = new Uint8Array(front.rows.length);
    for (let y = 0; y < CARD_HEIGHT; y++) {
      flippedRows.set(
        front.rows.subarray(y * rowBytes, (y + 1) * rowBytes),
        (CARD_HEIGHT - 1 - y) * rowBytes,
      );
    }
    expect(same(flippedRows, front.rows)).toBe(false);
    expect(same(monoCardToGuide(flippedRows), data)).toBe(false);
  });

  it('turns the same as the colour panels do (ink to levels on the way)', () => {
    // The same picture as a colour panel: full ink where the Perl driver has a dot, none elsewhere.
    const guideDots = unpackDots(picture ?? new Uint8Array(), 1);
    const cardInk = guideDotsToCard(guideDots).map((dot) => dot * 255);
    const levels = inkCardToGuideLevels(cardInk, 128);
    expect(
      same(
        levels,
        guideDots.map((dot) => dot * 127),
      ),
    ).toBe(true);
  });

  it('puts card column L, row 647 − d at guide line L, dot d', () => {
    // One inked dot at card (x 5, y 10): guide line 5, dot 637.
    const card = new Uint8Array((CARD_WIDTH / 8) * CARD_HEIGHT);
    card[10 * (CARD_WIDTH / 8)] = 0x80 >> 5;
    const dots = unpackDots(monoCardToGuide(card), 1);
    expect(dots.reduce((n, d) => n + d, 0)).toBe(1);
    expect(dots[5 * DOTS_PER_LINE + 637]).toBe(1);
  });
});
