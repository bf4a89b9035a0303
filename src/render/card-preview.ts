import type { RenderedPanels } from '../drivers/driver.js';
import { encodePng, type RgbaImage } from './card-images.js';

/** The size of every card face: CR80 at 300 dpi. */
export const CARD_WIDTH = 1016;
export const CARD_HEIGHT = 648;

/**
 * The card as it will look: white card, Y/M/C ink taken off white, black wherever K prints. The
 * overlay is clear varnish and leaves no colour, so it is not shown.
 */
export function previewImage(panels: RenderedPanels, width = CARD_WIDTH, height = CARD_HEIGHT): RgbaImage {
  const data = new Uint8Array(width * height * 4).fill(255);
  const rowBytes = Math.ceil(width / 8);
  const { c, m, y, k } = panels;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const dot = row * width + col;
      const i = dot * 4;
      if (((k[row * rowBytes + (col >> 3)] as number) >> (7 - (col & 7))) & 1) {
        data[i] = data[i + 1] = data[i + 2] = 0;
        continue;
      }
      if (c) data[i] = 255 - (c[dot] as number);
      if (m) data[i + 1] = 255 - (m[dot] as number);
      if (y) data[i + 2] = 255 - (y[dot] as number);
    }
  }
  return { width, height, data };
}

/** {@link previewImage} as a PNG file. */
export function previewPng(panels: RenderedPanels): Buffer {
  return encodePng(previewImage(panels));
}
