/**
 * The card-face layout file (`config/layouts/*.yaml`): one zod schema is the single source of its
 * types, defaults and validation. Positions and sizes are in printer dots (300 dpi). See
 * `docs/rendering.md` for what each part means.
 */
import { z } from 'zod';

/** Values a text may name as `{value}`; each comes from one job field (`card-values.ts`). */
export const CARD_VALUE_NAMES = [
  'nik',
  'name',
  'birthPlaceDate',
  'sex',
  'bloodType',
  'address',
  'rtRw',
  'kelurahan',
  'kecamatan',
  'religion',
  'maritalStatus',
  'occupation',
  'citizenship',
  'validUntil',
  'province',
  'regency',
  'issuePlace',
  'issueDate',
] as const;
export type CardValueName = (typeof CARD_VALUE_NAMES)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_VALUES = new Set<string>(CARD_VALUE_NAMES);

/** The `{value}` names a template uses, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

const dots = z.int().min(0).max(10_000);
const positive = z.int().min(1).max(10_000);

export const boxSchema = z.strictObject({ x: dots, y: dots, width: positive, height: positive });
export type Box = z.output<typeof boxSchema>;

/** Literal text with `{value}` placeholders; an unknown name is refused with the known ones. */
const template = z
  .string()
  .min(1)
  .max(200)
  .superRefine((text, ctx) => {
    for (const name of placeholdersOf(text)) {
      if (!KNOWN_VALUES.has(name))
        ctx.addIssue(`unknown value {${name}} in "${text}" (known: ${CARD_VALUE_NAMES.join(', ')})`);
    }
    if (/[{}]/.test(text.replace(PLACEHOLDER, '')))
      ctx.addIssue(`unbalanced brace in "${text}"; a value is written {name}`);
  });

const fontSize = z.number().min(4).max(400);

/** A printer setting's value (`Pc`, `Pl`): the guide's factory value is 10. */
const level = z.int().min(0).max(20);

/** How a text is set; every field has a default so a row may say only what differs. */
const styleShape = {
  /** A key of `fonts`. */
  font: z.string().min(1).default('regular'),
  /** The size tried first, in dots (a 300-dpi point is 300/72 ≈ 4.17 dots). */
  size: fontSize.default(24),
  /** The smallest size a long value may shrink to before it is refused as not fitting. */
  minSize: fontSize.optional(),
  /** Baseline to baseline, in dots at `size`; default 1.2 × size. Shrunk text keeps the ratio. */
  lineHeight: z.number().min(1).max(1000).optional(),
  align: z.enum(['left', 'center', 'right']).default('left'),
  /** KTP-el text is upper case whatever the record holds. */
  case: z.enum(['upper', 'as-is']).default('upper'),
};

export const textBlockSchema = z.strictObject({ text: template, box: boxSchema, ...styleShape });
export type TextBlockInput = z.output<typeof textBlockSchema>;

/** One "Label : value" row of the field table; the column positions come from `fields`. */
const fieldRowSchema = z.strictObject({
  label: z.string().min(1).max(60),
  value: template,
  /** Top of the row. */
  y: dots,
  /** Lines the value may wrap onto (each `fields.lineHeight` tall). */
  lines: z.int().min(1).max(6).default(1),
  /** Overrides of the table's columns, for a second pair on one row (Gol. Darah). */
  labelX: dots.optional(),
  colonX: dots.optional(),
  valueX: dots.optional(),
  valueWidth: positive.optional(),
});

const styleOverride = z.strictObject({
  font: z.string().min(1).optional(),
  size: fontSize.optional(),
  minSize: fontSize.optional(),
});

const fieldsSchema = z.strictObject({
  labelX: dots,
  colonX: dots,
  valueX: dots,
  valueWidth: positive,
  /** Height of one line of the table, in dots. */
  lineHeight: positive,
  label: styleOverride.prefault({}),
  value: styleOverride.prefault({}),
  rows: z.array(fieldRowSchema).min(1),
});

/** `#RRGGBB`: printed as its complement on the Y, M, C panels. */
const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour written #RRGGBB');

export const layoutSchema = z
  .strictObject({
    version: z.literal(1),
    name: z.string().min(1).max(80),
    size: z.strictObject({ width: positive, height: positive }),
    /** Font files by key, relative to the layout file; TrueType. */
    fonts: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.string().min(1)),
    /** Values used when the job has none: the site's province and regency (kota/kabupaten). */
    defaults: z
      .strictObject({ province: z.string().min(1).max(60), regency: z.string().min(1).max(60) })
      .partial()
      .prefault({}),
    /** Flat colour areas, bottom first (the card's tint, bands). */
    colourAreas: z.array(z.strictObject({ box: boxSchema, colour })).default([]),
    /** Free texts: the header, the NIK, the place and date of issue. */
    texts: z.array(textBlockSchema).default([]),
    fields: fieldsSchema.optional(),
    /** The photo box; without a photo a frame this many dots wide marks it. */
    photo: z.strictObject({ box: boxSchema, frameWhenEmpty: z.int().min(0).max(20).default(2) }),
    signature: z.strictObject({ box: boxSchema }),
    /** Where the protective overlay goes; default the whole card. */
    overlay: z.strictObject({ box: boxSchema }).optional(),
    /**
     * What the printer is told for this card (Evolis guide `Pc`, `Pl`): contrast per panel and
     * luminosity per colour, 0–20 (the printer's factory value is 10). Left out: not sent.
     */
    printer: z
      .strictObject({
        contrast: z.strictObject({ y: level, m: level, c: level, k: level, o: level }).partial().optional(),
        luminosity: z.strictObject({ y: level, m: level, c: level }).partial().optional(),
      })
      .optional(),
  })
  .superRefine((layout, ctx) => {
    for (const issue of layoutIssues(layout)) ctx.addIssue({ code: 'custom', ...issue });
  });

export type LayoutInput = z.output<typeof layoutSchema>;

export interface LayoutIssue {
  readonly path: PropertyKey[];
  readonly message: string;
}

type Loose = Record<string, unknown> | undefined;
const loose = (value: unknown): Loose =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * Checks across the layout: boxes inside the card, fonts that exist, `minSize` not above `size`.
 * zod skips whole-object checks once a field is wrong, so the loader also runs this on the raw
 * input to show every problem at once; hence it reads the layout defensively.
 */
export function layoutIssues(value: unknown): LayoutIssue[] {
  const issues: LayoutIssue[] = [];
  const layout = loose(value) ?? {};
  const size = loose(layout.size);
  const cardWidth = num(size?.width);
  const cardHeight = num(size?.height);
  const fonts = loose(layout.fonts) ?? {};
  const problem = (path: PropertyKey[], message: string) => {
    issues.push({ path, message });
  };
  const inside = (raw: unknown, path: PropertyKey[]) => {
    const box = loose(raw);
    const [x, y, w, h] = [num(box?.x), num(box?.y), num(box?.width), num(box?.height)];
    if (x === undefined || y === undefined || w === undefined || h === undefined) return;
    if (cardWidth === undefined || cardHeight === undefined) return;
    if (x + w > cardWidth || y + h > cardHeight)
      problem(path, `box ${x},${y} ${w}×${h} goes past the ${cardWidth}×${cardHeight} card`);
  };
  const knownFont = (font: unknown, path: PropertyKey[]) => {
    if (typeof font === 'string' && !Object.hasOwn(fonts, font))
      problem(path, `unknown font "${font}" (fonts: ${Object.keys(fonts).join(', ')})`);
  };
  const sizes = (style: Loose, fallbackSize: number, path: PropertyKey[]) => {
    const minSize = num(style?.minSize);
    const fontSize = num(style?.size) ?? fallbackSize;
    if (minSize !== undefined && minSize > fontSize)
      problem(path, `minSize ${minSize} is larger than size ${fontSize}`);
  };
  list(layout.colourAreas).forEach((area, i) => {
    inside(loose(area)?.box, ['colourAreas', i, 'box']);
  });
  list(layout.texts).forEach((raw, i) => {
    const text = loose(raw);
    inside(text?.box, ['texts', i, 'box']);
    knownFont(text?.font ?? 'regular', ['texts', i, 'font']);
    sizes(text, 24, ['texts', i, 'minSize']);
  });
  inside(loose(layout.photo)?.box, ['photo', 'box']);
  inside(loose(layout.signature)?.box, ['signature', 'box']);
  inside(loose(layout.overlay)?.box, ['overlay', 'box']);
  const fields = loose(layout.fields);
  if (!fields) return issues;
  const label = loose(fields.label);
  const valueStyle = loose(fields.value);
  // Unset, labels use `regular` and values the label font.
  knownFont(label?.font ?? 'regular', ['fields', 'label', 'font']);
  knownFont(valueStyle?.font ?? label?.font ?? 'regular', ['fields', 'value', 'font']);
  sizes(valueStyle, num(label?.size) ?? 24, ['fields', 'value', 'minSize']);
  list(fields.rows).forEach((raw, i) => {
    const row = loose(raw);
    const rowLabel = typeof row?.label === 'string' ? row.label : String(i);
    const valueX = num(row?.valueX) ?? num(fields.valueX);
    const width = num(row?.valueWidth) ?? num(fields.valueWidth);
    const top = num(row?.y);
    const bottom =
      top === undefined ? undefined : top + (num(row?.lines) ?? 1) * (num(fields.lineHeight) ?? 0);
    const right = valueX === undefined || width === undefined ? undefined : valueX + width;
    if (
      cardWidth !== undefined &&
      cardHeight !== undefined &&
      ((right !== undefined && right > cardWidth) || (bottom !== undefined && bottom > cardHeight))
    )
      problem(['fields', 'rows', i], `row "${rowLabel}" goes past the ${cardWidth}×${cardHeight} card`);
    const labelX = num(row?.labelX) ?? num(fields.labelX);
    const colonX = num(row?.colonX) ?? num(fields.colonX);
    if (labelX !== undefined && colonX !== undefined && colonX <= labelX)
      problem(['fields', 'rows', i, 'colonX'], 'the colon must be right of the label');
  });
  return issues;
}
