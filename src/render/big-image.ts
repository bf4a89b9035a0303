/**
 * Decoding a big image (a 2400 × 2400 scan) off the event loop without holding it whole.
 *
 * jpeg-js decodes such a JPEG as ~270,000 separate blocks (~175 MB for one image), pngjs holds the
 * inflated file and its pixels (~90 MB), and glibc keeps most of what is freed.
 * libvips (sharp) decodes it line by line, and a JPEG at 1/2, 1/4 or 1/8 of its size
 * (shrink-on-load), so only the reduced image is ever held. A card prints a photo at a few hundred
 * dots: twice its box is all the renderer needs. Small images keep the JavaScript decoders, so
 * ordinary cards (and the golden images) come out byte for byte as before.
 */
import type { Sharp, SharpOptions } from 'sharp';
import {
  acceptImage,
  damagedImage,
  IMAGE_FIELDS,
  MAX_IMAGE_SIDE,
  type RgbaImage,
  readImageBytes,
} from './card-images.js';
import type { CardLayout } from './card-layout.js';
import { INLINE_MAX_PIXELS } from './card-work-by-size.js';
import { type CardFields, type DecodedImages, unusableImage } from './render-card.js';

type SharpFactory = (input: Uint8Array, options: SharpOptions) => Sharp;

let loading: Promise<SharpFactory> | undefined;

/**
 * sharp, loaded on first use: a day without big photos never pays for libvips. It works on libuv's
 * thread pool, so the event loop only waits for its answer. No cache (every photo is seen once)
 * and one libvips thread per photo (the big-photo queue's `atOnce` is the parallelism the daemon
 * allows).
 */
function loadSharp(): Promise<SharpFactory> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}

/** At least this many pixels on each side of the box it is printed in: the box filter's input. */
const OVERSAMPLE = 2;

/**
 * The image reduced to cover `box` at {@link OVERSAMPLE} times its size (never enlarged), as RGBA;
 * or why it is no usable image, with the same reasons as {@link readImageBytes}. The whole file is
 * decoded, so a damaged one is refused here as there.
 */
export async function readBigImageBytes(
  data: Uint8Array,
  box: { readonly width: number; readonly height: number },
): Promise<{ image: RgbaImage } | { problem: string }> {
  const accepted = acceptImage(data);
  if ('problem' in accepted) return accepted;
  const sharp = await loadSharp();
  try {
    const { data: pixels, info } = await sharp(data, {
      limitInputPixels: MAX_IMAGE_SIDE * MAX_IMAGE_SIDE,
      sequentialRead: true,
      failOn: 'warning',
    })
      .resize({
        width: box.width * OVERSAMPLE,
        height: box.height * OVERSAMPLE,
        fit: 'outside',
        withoutEnlargement: true,
      })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) return { problem: damagedImage(accepted) };
    return { image: { width: info.width, height: info.height, data: pixels } };
  } catch {
    return { problem: damagedImage(accepted) };
  }
}

/** Whether these bytes claim more pixels than the JavaScript decoders are given. */
function isBig(bytes: Uint8Array): boolean {
  const accepted = acceptImage(bytes);
  return !('problem' in accepted) && accepted.width * accepted.height > INLINE_MAX_PIXELS;
}

/** The box an image field is printed in: a ready-made face fills the card. */
function boxOf(field: string, layout: CardLayout): { width: number; height: number } {
  if (field === 'photo') return layout.photo.box;
  if (field === 'signature') return layout.signature.box;
  return layout;
}

/**
 * Why the image in `field` is no usable image, or undefined: a big one checked by decoding it
 * reduced, a small one at once.
 */
export async function imageBytesProblem(
  field: string,
  bytes: Uint8Array,
  layout: CardLayout,
): Promise<string | undefined> {
  const read = isBig(bytes) ? await readBigImageBytes(bytes, boxOf(field, layout)) : readImageBytes(bytes);
  return 'problem' in read ? read.problem : undefined;
}

/**
 * The card's big images decoded and reduced, by field, for `renderCard`; small ones are left to
 * it. Throws `CARD_DOES_NOT_FIT` naming the field as `renderCard` does for an unusable image.
 */
export async function decodeBigImages(card: CardFields, layout: CardLayout): Promise<DecodedImages> {
  const decoded = new Map<string, RgbaImage>();
  for (const field of IMAGE_FIELDS) {
    const base64 = card[field];
    if (base64 === undefined) continue;
    const bytes = Buffer.from(base64, 'base64');
    if (!isBig(bytes)) continue;
    const read = await readBigImageBytes(bytes, boxOf(field, layout));
    if ('problem' in read) throw unusableImage(field, read.problem);
    decoded.set(field, read.image);
  }
  return decoded;
}
