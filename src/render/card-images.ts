import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** Decoded pixels, 4 bytes a pixel (R, G, B, A), row by row. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Job fields that carry images (base64 PNG or JPEG), with their size limits. */
export const IMAGE_FIELDS = ['photo', 'signature', 'frontImage'] as const;

/**
 * Largest width and height accepted. A card face is 1016 × 648 dots; twice that covers a 600-dpi
 * scan, and the bound keeps a small file from inflating into gigabytes of pixels when decoded.
 */
export const MAX_IMAGE_SIDE = 2400;

export interface Sniffed {
  readonly kind: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
}

/** What the bytes say about themselves before anything is decoded. */
function sniffImage(bytes: Uint8Array): Sniffed | undefined {
  if (
    bytes.length >= 24 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47
  ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    return { kind: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    const size = jpegSize(bytes);
    return size && { kind: 'jpeg', ...size };
  }
  return undefined;
}

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((bytes[at + 5] as number) << 8) | (bytes[at + 6] as number);
      const width = ((bytes[at + 7] as number) << 8) | (bytes[at + 8] as number);
      return { width, height };
    }
    at += 2 + length;
  }
  return undefined;
}

/**
 * The pixels of a base64 image field, or why it is no usable image. The reason never quotes the
 * data: an image of a resident is personal data.
 */
export function readImage(base64: string): { image: RgbaImage } | { problem: string } {
  return readImageBytes(Buffer.from(base64, 'base64'));
}

/** {@link readImage} for the file's bytes. */
export function readImageBytes(data: Uint8Array): { image: RgbaImage } | { problem: string } {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  const accepted = acceptImage(bytes);
  if ('problem' in accepted) return accepted;
  try {
    return { image: decodeImage(bytes, accepted) };
  } catch {
    return { problem: damagedImage(accepted) };
  }
}

/** What kind and size the bytes say they are, or why they are refused before any decoding. */
export function acceptImage(bytes: Uint8Array): Sniffed | { problem: string } {
  const sniffed = sniffImage(bytes);
  if (!sniffed) return { problem: 'must be a PNG or JPEG image' };
  const { width, height } = sniffed;
  if (width < 1 || height < 1) return { problem: 'is an empty image' };
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE)
    return { problem: `is ${width}×${height}; at most ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} is accepted` };
  return sniffed;
}

/** The reason given for bytes that say they are a PNG or JPEG but do not decode. */
export function damagedImage(sniffed: Sniffed): string {
  return `is a damaged ${sniffed.kind === 'png' ? 'PNG' : 'JPEG'} image`;
}

/** Width × height a base64 image says it has (0 when it is no PNG or JPEG), read without decoding. */
export function imagePixels(base64: string): number {
  const sniffed = sniffImage(Buffer.from(base64, 'base64'));
  return sniffed ? sniffed.width * sniffed.height : 0;
}

/** Why this base64 text is no usable image, or undefined. */
export function imageProblem(base64: string): string | undefined {
  const read = readImage(base64);
  return 'problem' in read ? read.problem : undefined;
}

/** Decodes a PNG or JPEG whose kind and size {@link readImage} already checked. Throws if damaged. */
function decodeImage(bytes: Buffer, sniffed: Sniffed): RgbaImage {
  if (sniffed.kind === 'png') {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  }
  const limitMp = (MAX_IMAGE_SIDE * MAX_IMAGE_SIDE) / 1e6;
  const image = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: limitMp,
    maxMemoryUsageInMB: 256,
  });
  return { width: image.width, height: image.height, data: image.data };
}

/** Encodes RGBA pixels as PNG (previews, golden images). */
export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length);
  return PNG.sync.write(png);
}

/**
 * `image` scaled to `width` × `height`: each target pixel averages the source pixels it covers
 * (a box filter: a photo shrunk to the card without moiré), or reads the nearest one when the
 * source is smaller. Transparency is laid on white, as on a blank card.
 */
export function resizeOnWhite(image: RgbaImage, width: number, height: number): RgbaImage {
  if (width === image.width && height === image.height) return onWhite(image);
  const out = new Uint8Array(width * height * 4);
  const sx = image.width / width;
  const sy = image.height / height;
  const src = image.data;
  for (let ty = 0; ty < height; ty++) {
    const y0 = Math.floor(ty * sy);
    const y1 = Math.max(y0 + 1, Math.min(image.height, Math.floor((ty + 1) * sy)));
    for (let tx = 0; tx < width; tx++) {
      const x0 = Math.floor(tx * sx);
      const x1 = Math.max(x0 + 1, Math.min(image.width, Math.floor((tx + 1) * sx)));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let y = y0; y < y1; y++) {
        let i = (y * image.width + x0) * 4;
        for (let x = x0; x < x1; x++, i += 4) {
          const a = (src[i + 3] as number) / 255;
          r += (src[i] as number) * a + 255 * (1 - a);
          g += (src[i + 1] as number) * a + 255 * (1 - a);
          b += (src[i + 2] as number) * a + 255 * (1 - a);
          n++;
        }
      }
      const o = (ty * width + tx) * 4;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** `image` laid on white as it is: a ready-made face already at the card's size takes this path. */
function onWhite(image: RgbaImage): RgbaImage {
  const src = image.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i += 4) {
    const a = src[i + 3] as number;
    if (a === 255) {
      out[i] = src[i] as number;
      out[i + 1] = src[i + 1] as number;
      out[i + 2] = src[i + 2] as number;
    } else {
      const paper = 255 - a;
      out[i] = Math.round(((src[i] as number) * a) / 255 + paper);
      out[i + 1] = Math.round(((src[i + 1] as number) * a) / 255 + paper);
      out[i + 2] = Math.round(((src[i + 2] as number) * a) / 255 + paper);
    }
    out[i + 3] = 255;
  }
  return { width: image.width, height: image.height, data: out };
}

/** The part of `image` with the box's aspect ratio, centred: a photo fills its box, cropped, never squashed. */
export function cropToAspect(image: RgbaImage, width: number, height: number): RgbaImage {
  const want = width / height;
  const have = image.width / image.height;
  if (Math.abs(want - have) < 1e-3) return image;
  const cw = have > want ? Math.round(image.height * want) : image.width;
  const ch = have > want ? image.height : Math.round(image.width / want);
  const left = Math.floor((image.width - cw) / 2);
  const top = Math.floor((image.height - ch) / 2);
  const data = new Uint8Array(cw * ch * 4);
  for (let y = 0; y < ch; y++) {
    const from = ((top + y) * image.width + left) * 4;
    data.set(image.data.subarray(from, from + cw * 4), y * cw * 4);
  }
  return { width: cw, height: ch, data };
}
