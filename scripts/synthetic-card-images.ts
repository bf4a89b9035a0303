/**
 * Obviously fake photos and signatures for tests, benchmarks and demos: flat shapes on a plain
 * ground, drawn from a seed, so no test ever needs a real resident's face or hand.
 *
 *   syntheticPhoto(seed, 'png' | 'jpeg') → base64, 3:4, a head-and-shoulders silhouette
 *   syntheticSignature(seed)             → base64 PNG, a looping stroke on white
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { createPrng } from '../src/util/prng.js';

const PHOTO_WIDTH = 300;
const PHOTO_HEIGHT = 400;

/**
 * A silhouette on a red or blue ground (the KTP-el photo backgrounds), as base64: 300 × 400 unless
 * `size` asks for more (a 2400 × 2400 scan is the largest intake accepts).
 */
export function syntheticPhoto(
  seed: number,
  format: 'png' | 'jpeg' = 'png',
  size: { width: number; height: number } = { width: PHOTO_WIDTH, height: PHOTO_HEIGHT },
): string {
  const { width, height } = size;
  // The drawing is made for 300 × 400 and scaled, so a big photo shows the same silhouette.
  const sx = width / PHOTO_WIDTH;
  const sy = height / PHOTO_HEIGHT;
  const random = createPrng(seed);
  const ground: [number, number, number] = random() < 0.5 ? [200, 40, 40] : [40, 80, 190];
  const skin: [number, number, number] = [
    150 + Math.floor(random() * 60),
    110 + Math.floor(random() * 40),
    80,
  ];
  const shirt: [number, number, number] = [
    20 + Math.floor(random() * 40),
    20,
    30 + Math.floor(random() * 60),
  ];
  const headX = PHOTO_WIDTH / 2 + (random() - 0.5) * 20;
  const data = new Uint8Array(width * height * 4);
  for (let py = 0; py < height; py++) {
    const y = py / sy;
    for (let px = 0; px < width; px++) {
      const x = px / sx;
      const head = ((x - headX) / 70) ** 2 + ((y - 160) / 95) ** 2 <= 1;
      const shoulders = y > 270 && ((x - PHOTO_WIDTH / 2) / 150) ** 2 + ((y - 420) / 150) ** 2 <= 1;
      const [r, g, b] = head ? skin : shoulders ? shirt : ground;
      const i = (py * width + px) * 4;
      // A gentle vertical shade, so the photo is not flat colour (flat colour would flatter the RLE).
      const shade = 1 - y / (PHOTO_HEIGHT * 6);
      data[i] = Math.round(r * shade);
      data[i + 1] = Math.round(g * shade);
      data[i + 2] = Math.round(b * shade);
      data[i + 3] = 255;
    }
  }
  return encode(data, width, height, format);
}

/** A 400 × 160 looping pen stroke on white, as base64 PNG. */
export function syntheticSignature(seed: number): string {
  const random = createPrng(seed);
  const width = 400;
  const height = 160;
  const data = new Uint8Array(width * height * 4).fill(255);
  const loops = 3 + Math.floor(random() * 3);
  const phase = random() * Math.PI;
  for (let t = 0; t <= 1; t += 1 / 4000) {
    const x = 30 + t * (width - 60);
    const y = height / 2 + Math.sin(t * loops * 2 * Math.PI + phase) * 45 * (1 - t * 0.5);
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        const px = Math.round(x + dx);
        const py = Math.round(y + dy);
        const i = (py * width + px) * 4;
        data[i] = data[i + 1] = 20;
        data[i + 2] = 60;
      }
    }
  }
  return encode(data, width, height, 'png');
}

function encode(data: Uint8Array, width: number, height: number, format: 'png' | 'jpeg'): string {
  if (format === 'jpeg') return jpeg.encode({ data, width, height }, 90).data.toString('base64');
  const png = new PNG({ width, height });
  png.data = Buffer.from(data);
  return PNG.sync.write(png).toString('base64');
}
