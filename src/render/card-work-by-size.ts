import { IMAGE_FIELDS, imagePixels } from './card-images.js';
import { type CardWork, inlineCardWork } from './card-work.js';
import type { CardFields } from './render-card.js';

/**
 * Pixels a card's images may have, together, to be handled on the event loop: a 300 × 400 ID
 * photo decodes in ~25 ms. Beyond this a photo is heavy (a 2400 × 2400 JPEG takes ~1 s and
 * ~175 MB in JavaScript) and goes to libvips, off the event loop.
 */
export const INLINE_MAX_PIXELS = 250_000;

/**
 * Card work split by weight: cards with big images go to `big` (the daemon's {@link BigCardWork}),
 * the rest (text, ID-sized photos: nearly every card of an ordinary day) are done at once on this
 * thread, so libvips is never loaded while an office prints its usual cards.
 */
export function cardWorkBySize(big: CardWork, inline: CardWork = inlineCardWork): CardWork {
  const pick = (card: CardFields) => (heavy(card) ? big : inline);
  return {
    imageProblems: (card) => pick(card).imageProblems(card),
    render: (card, issue) => pick(card).render(card, issue),
    close: () => big.close(),
  };
}

function heavy(card: CardFields): boolean {
  let pixels = 0;
  for (const field of IMAGE_FIELDS) {
    const base64 = card[field];
    if (base64 !== undefined) pixels += imagePixels(base64);
  }
  return pixels > INLINE_MAX_PIXELS;
}
