import type { RenderedPanels } from '../drivers/driver.js';
import { CetakError } from '../errors.js';
import { CardCanvas } from './card-canvas.js';
import { cardTextProblems } from './card-fit.js';
import { cropToAspect, type RgbaImage, readImage, resizeOnWhite } from './card-images.js';
import { type CardLayout, loadLayout, type TextBlock } from './card-layout.js';
import { cardValues, fillTemplate, type IssueContext } from './card-values.js';
import type { Box } from './layout-schema.js';
import { type FittedText, fitText, normaliseText } from './text-fit.js';

export type CardFields = Readonly<Record<string, string | undefined>>;

/** Images already decoded (and reduced) by field; a card-work thread decodes big ones this way first. */
export type DecodedImages = ReadonlyMap<string, RgbaImage>;

/** A pixel at least this dark, and this grey, is black text or line art of a ready-made face. */
const BLACK_MAX = 80;
const GREY_SPREAD = 40;
/** Ink darker than this (0–255 luminance) is part of the signature. */
const SIGNATURE_INK = 128;

/**
 * Renders a job's card face to printer panels: from its ready-made `frontImage` when it has one,
 * else from its values set in the layout with its photo and signature. Throws `CARD_DOES_NOT_FIT`
 * naming the fields (never the values) when the face cannot be made; intake refuses such jobs, so
 * this only happens when the layout changed after a job was queued.
 */
export function renderCard(
  card: CardFields,
  issue: IssueContext,
  layout: CardLayout = loadLayout(),
  decoded: DecodedImages = new Map(),
): RenderedPanels {
  const canvas = new CardCanvas(layout.width, layout.height);
  const front = card.frontImage;
  if (front) {
    separateFace(canvas, decoded.get('frontImage') ?? image('frontImage', front));
  } else {
    drawFace(canvas, card, issue, layout, decoded);
  }
  canvas.fillBits('o', layout.overlay);
  const panels = canvas.panels();
  return layout.printer ? { ...panels, settings: layout.printer } : panels;
}

function drawFace(
  canvas: CardCanvas,
  card: CardFields,
  issue: IssueContext,
  layout: CardLayout,
  decoded: DecodedImages,
): void {
  for (const area of layout.colourAreas) canvas.fillColour(area.box, area.rgb);
  const { photo, signature } = layout;
  if (card.photo) {
    const box = photo.box;
    const fitted = resizeOnWhite(
      cropToAspect(decoded.get('photo') ?? image('photo', card.photo), box.width, box.height),
      box.width,
      box.height,
    );
    canvas.putColourImage(box, fitted.data);
  } else {
    canvas.frame(photo.box, photo.frameWhenEmpty);
  }
  if (card.signature)
    drawSignature(canvas, decoded.get('signature') ?? image('signature', card.signature), signature.box);

  const values = cardValues(card, layout, issue);
  for (const block of layout.texts) {
    const text = normaliseText(fillTemplate(block.template, values).text, block.upperCase);
    const fitted = fitText(text, block);
    if (!fitted || !block.font.hasAll(text)) {
      const problems = cardTextProblems(card, layout, issue);
      throw new CetakError('CARD_DOES_NOT_FIT', `card cannot be printed: ${problems.join('; ')}`, {
        details: problems,
      });
    }
    drawText(canvas, block, fitted);
  }
}

function drawText(canvas: CardCanvas, block: TextBlock, fitted: FittedText): void {
  const { box, font } = block;
  fitted.lines.forEach((line, i) => {
    const width = font.width(line, fitted.size);
    const slack = box.width - width;
    let pen = box.x + (block.align === 'center' ? slack / 2 : block.align === 'right' ? slack : 0);
    const baseline = box.y + fitted.firstBaseline + Math.round(i * fitted.lineHeight);
    for (const char of line) {
      if (char !== ' ') canvas.glyph(font.glyph(char, fitted.size), Math.round(pen), baseline, box);
      pen += font.advance(char, fitted.size);
    }
  });
}

/** The signature, whole and centred in its box: its dark strokes in black, the paper left out. */
function drawSignature(canvas: CardCanvas, source: RgbaImage, box: Box): void {
  const { fitted, left, top } = fitWhole(source, box);
  const { width, height } = fitted;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 4;
      const luminance =
        0.299 * (fitted.data[i] as number) +
        0.587 * (fitted.data[i + 1] as number) +
        0.114 * (fitted.data[i + 2] as number);
      if (luminance < SIGNATURE_INK) canvas.k[(top + row) * canvas.width + left + col] = 1;
    }
  }
}

/**
 * A ready-made face from upstream: scaled whole onto the card (centred on white if its shape
 * differs), then separated: dark grey pixels (text, lines) become crisp black on K, the rest
 * colour on Y/M/C, which the printer's own screening turns into dots.
 */
function separateFace(canvas: CardCanvas, source: RgbaImage): void {
  const { fitted, left, top } = fitWhole(source, { x: 0, y: 0, width: canvas.width, height: canvas.height });
  const { width, height } = fitted;
  for (let row = 0; row < height; row++) {
    let at = (top + row) * canvas.width + left;
    let i = row * width * 4;
    for (let col = 0; col < width; col++, at++, i += 4) {
      const r = fitted.data[i] as number;
      const g = fitted.data[i + 1] as number;
      const b = fitted.data[i + 2] as number;
      const max = Math.max(r, g, b);
      if (max <= BLACK_MAX && max - Math.min(r, g, b) <= GREY_SPREAD) {
        canvas.k[at] = 1;
      } else {
        canvas.c[at] = 255 - r;
        canvas.m[at] = 255 - g;
        canvas.y[at] = 255 - b;
      }
    }
  }
}

/** `source` scaled whole to fit `box`, on white, and where its top-left corner goes to be centred. */
function fitWhole(source: RgbaImage, box: Box): { fitted: RgbaImage; left: number; top: number } {
  const scale = Math.min(box.width / source.width, box.height / source.height);
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  return {
    fitted: resizeOnWhite(source, width, height),
    left: box.x + Math.floor((box.width - width) / 2),
    top: box.y + Math.floor((box.height - height) / 2),
  };
}

function image(field: string, base64: string): RgbaImage {
  const read = readImage(base64);
  if ('image' in read) return read.image;
  throw unusableImage(field, read.problem);
}

/** The refusal of a card whose image `field` cannot be used, naming the field, never the data. */
export function unusableImage(field: string, problem: string): CetakError {
  return new CetakError('CARD_DOES_NOT_FIT', `card cannot be printed: ${field}: ${problem}`, {
    details: [`${field}: ${problem}`],
  });
}
