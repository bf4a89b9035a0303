import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../src/render/card-images.js';
import { encodePng } from '../../src/render/card-images.js';

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/** A pixel counts as different when a channel moves by more than this (0–255). */
const CHANNEL_TOLERANCE = 16;

/**
 * Compares `actual` with the committed `golden/<name>.png` and returns how many pixels differ.
 * `UPDATE_GOLDEN=1 npx vitest run test/render` writes the images instead — look at them before
 * committing: they are what the card will look like.
 */
export function differingPixels(name: string, actual: RgbaImage): number {
  const file = join(GOLDEN_DIR, `${name}.png`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI === 'true' && process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`golden image ${file} is missing`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, encodePng(actual));
    return 0;
  }
  const golden = PNG.sync.read(readFileSync(file));
  if (golden.width !== actual.width || golden.height !== actual.height)
    return Math.max(golden.width * golden.height, actual.width * actual.height);
  let differing = 0;
  for (let i = 0; i < golden.data.length; i += 4) {
    for (let channel = 0; channel < 3; channel++) {
      if (
        Math.abs((golden.data[i + channel] as number) - (actual.data[i + channel] as number)) >
        CHANNEL_TOLERANCE
      ) {
        differing++;
        break;
      }
    }
  }
  return differing;
}
