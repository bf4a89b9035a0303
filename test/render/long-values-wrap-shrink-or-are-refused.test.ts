import { describe, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { cardTextProblems } from '../../src/render/card-fit.js';
import { loadLayout, type TextBlock } from '../../src/render/card-layout.js';
import { fitText, normaliseText } from '../../src/render/text-fit.js';

const layout = loadLayout();
const valueBlock = (index: number): TextBlock => {
  const block = layout.texts.find((t) => t.path === `fields.rows[${index}].value`);
  if (!block) throw new Error(`no row ${index}`);
  return block;
};
const nameBlock = valueBlock(0);
const setIn = (text: string, block = nameBlock) => fitText(normaliseText(text, true), block);
const card = (seed: number, overrides: Record<string, string> = {}) =>
  ({ ...syntheticResident(seed), ...overrides }) as Record<string, string>;

describe('a value on the card', () => {
  it('that is short keeps the layout size on one line', () => {
    expect(setIn('fizune rekaan')).toEqual({
      size: 23,
      lines: ['FIZUNE REKAAN'],
      firstBaseline: 22,
      lineHeight: 30,
    });
  });

  it('that is long wraps at spaces before it shrinks, and never past its width', () => {
    const fitted = setIn('KAMORIZU SINTETIKA BINTI ABDURRAHMAN WICAKSONO');
    expect(fitted?.size).toBe(23);
    expect(fitted?.lines).toEqual(['KAMORIZU SINTETIKA BINTI', 'ABDURRAHMAN WICAKSONO']);
    for (const line of fitted?.lines ?? [])
      expect(nameBlock.font.width(line, 23)).toBeLessThanOrEqual(nameBlock.box.width);
  });

  it('that is longer still shrinks, down to the layout minimum', () => {
    const fitted = setIn(
      'KARTOLOMEO MUHAMMAD SYAHPUTRA FIKTIFA BIN ABDUL RAHMAN REKAAN SINTETIKA CONTOHWATI',
    );
    expect(fitted?.size).toBe(17);
    expect(fitted?.lines).toHaveLength(2);
    // Shrunk text keeps its baseline (on the label's) and its last line stays inside the box.
    const last = (fitted?.firstBaseline ?? 0) + (fitted?.lineHeight ?? 0) + 17 * nameBlock.font.descent;
    expect(last).toBeLessThanOrEqual(nameBlock.box.height);
  });

  it('breaks a long word after / or - rather than refusing it', () => {
    const address = valueBlock(4);
    const word = 'JL.SINTETIS-RAYA/GANG-CONTOH/BLOK-C/NO.92/KOMPLEKS-PERUMAHAN-FIKTIF';
    expect(setIn(word, address)?.lines).toHaveLength(2);
    expect(setIn(word.replace(/[/-]/g, '.'), address)).toBeUndefined();
  });

  it('that cannot fit even at the minimum is a problem naming the field, never the value', () => {
    const name = 'MWMWMW '.repeat(11).trim(); // 76 characters: within the 80 the job allows
    const address = 'JL. CONTOH '.repeat(11).trim();
    const problems = cardTextProblems(card(3, { name, address }), layout);
    expect(problems).toEqual([
      'name: too long for its place on the card (2 lines, even at the smallest size)',
      'address: too long for its place on the card (2 lines, even at the smallest size)',
    ]);
    expect(problems.join()).not.toContain('MWMW');
    expect(problems.join()).not.toContain('CONTOH');
  });

  it("with a character the card's font lacks is a problem too", () => {
    expect(cardTextProblems(card(4, { birthPlace: 'PALEMBANG 巨港' }), layout)).toEqual([
      "birthPlace: has a character the card's font cannot print",
    ]);
  });

  it('of a typical resident fits, including the header from the site defaults', () => {
    for (let seed = 1; seed <= 200; seed++) expect(cardTextProblems(card(seed), layout)).toEqual([]);
    expect(cardTextProblems(card(1, { province: 'X'.repeat(60) }), layout)).toEqual([
      'province: too long for its place on the card (one line, even at the smallest size)',
    ]);
  });
});
