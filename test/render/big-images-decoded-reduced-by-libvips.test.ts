import { afterAll, expect, it } from 'vitest';
import { syntheticPhoto } from '../../scripts/synthetic-card-images.js';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { isCetakError } from '../../src/errors.js';
import { BigCardWork } from '../../src/render/big-card-work.js';
import { readBigImageBytes } from '../../src/render/big-image.js';
import { cardImageProblems } from '../../src/render/card-fit.js';
import { readImageBytes } from '../../src/render/card-images.js';
import { loadLayout } from '../../src/render/card-layout.js';
import { renderCard } from '../../src/render/render-card.js';

const work = new BigCardWork({ atOnce: 1, queue: 4 });
afterAll(() => work.close());

const SIZE = { width: 2400, height: 2400 };
const ISSUE = { issuedAt: Date.UTC(2026, 0, 5, 3), timeZone: 'Asia/Jakarta' };
const PHOTO_BOX = { width: 210, height: 280 };
const photos = { jpeg: syntheticPhoto(11, 'jpeg', SIZE), png: syntheticPhoto(12, 'png', SIZE) };

/** A big file whose header is intact and whose second half is gone. */
function truncated(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  return bytes.subarray(0, bytes.length >> 1).toString('base64');
}

it.each(['jpeg', 'png'] as const)(
  'decodes a 2400 × 2400 %s only to twice the photo box, with the colours the JavaScript decoder sees',
  async (kind) => {
    const bytes = Buffer.from(photos[kind], 'base64');
    const read = await readBigImageBytes(bytes, PHOTO_BOX);
    if (!('image' in read)) throw new Error(read.problem);
    // Covering 420 × 560 keeps its square shape: 560 × 560, 1.2 MB instead of 23 MB.
    expect([read.image.width, read.image.height]).toEqual([560, 560]);
    const full = readImageBytes(bytes);
    if (!('image' in full)) throw new Error(full.problem);
    // The ground, the face and the shirt, sampled at the same place in both.
    for (const [x, y] of [
      [0.1, 0.1],
      [0.5, 0.4],
      [0.5, 0.95],
    ] as const) {
      const at = (image: typeof full.image) =>
        (Math.floor(y * image.height) * image.width + Math.floor(x * image.width)) * 4;
      const mine = [...read.image.data.subarray(at(read.image), at(read.image) + 4)];
      const theirs = [...full.image.data.subarray(at(full.image), at(full.image) + 4)];
      for (const [i, value] of mine.entries()) {
        expect(Math.abs(value - (theirs[i] as number))).toBeLessThanOrEqual(6);
      }
    }
  },
  30_000,
);

it('accepts and renders 2400 × 2400 photos through libvips, close to the JavaScript render', async () => {
  const layout = loadLayout();
  const box = layout.photo.box;
  for (const [seed, photo] of [
    [31, photos.jpeg],
    [32, photos.png],
  ] as const) {
    const card = { ...syntheticResident(seed), photo } as Record<string, string>;
    expect(await work.imageProblems(card)).toEqual([]);
    const panels = await work.render(card, ISSUE);
    const inline = renderCard(card, ISSUE);
    // The same text on K, and the photo's colours within a few levels of the full-size decode.
    expect(panels.k).toEqual(inline.k);
    for (const panel of ['y', 'm', 'c'] as const) {
      const mine = panels[panel] as Uint8Array;
      const theirs = inline[panel] as Uint8Array;
      let difference = 0;
      for (let y = box.y; y < box.y + box.height; y++) {
        for (let x = box.x; x < box.x + box.width; x++) {
          const i = y * layout.width + x;
          difference += Math.abs((mine[i] as number) - (theirs[i] as number));
        }
      }
      expect(difference / (box.width * box.height)).toBeLessThan(3);
    }
  }
}, 60_000);

it.each(['jpeg', 'png'] as const)(
  'refuses a damaged 2400 × 2400 %s with the same words as before, naming the field only',
  async (kind) => {
    const card = { ...syntheticResident(40), photo: truncated(photos[kind]) } as Record<string, string>;
    const expected = [`photo: is a damaged ${kind === 'png' ? 'PNG' : 'JPEG'} image`];
    expect(cardImageProblems(card)).toEqual(expected);
    expect(await work.imageProblems(card)).toEqual(expected);
    const refusal = await work.render(card, ISSUE).catch((error: unknown) => error);
    expect(isCetakError(refusal, 'CARD_DOES_NOT_FIT')).toBe(true);
    expect((refusal as Error).message).toBe(`card cannot be printed: ${expected[0]}`);
  },
  30_000,
);
