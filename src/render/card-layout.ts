import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { deepFreeze } from '../config/deep-freeze.js';
import type { PrintSettings } from '../drivers/driver.js';
import { CetakError } from '../errors.js';
import { fromPackageRoot } from '../util/package-root.js';
import { formatPath, problemLines, toFieldProblems } from '../util/zod-issues.js';
import { type CardFont, loadFont } from './card-font.js';
import {
  type Box,
  type CardValueName,
  type LayoutInput,
  layoutIssues,
  layoutSchema,
  placeholdersOf,
  type TextBlockInput,
} from './layout-schema.js';
import { fitText } from './text-fit.js';

/** The KTP-el front shipped with Cetak. */
export const DEFAULT_LAYOUT_PATH = fromPackageRoot('config', 'layouts', 'ktp-el-front.yaml');

/** One text of the card, resolved: its font loaded, its size rules settled. */
export interface TextBlock {
  /** Where it is in the layout file (`fields.rows[0].value`), for messages. */
  readonly path: string;
  readonly template: string;
  /** The values the template names; empty for a label. */
  readonly values: readonly CardValueName[];
  readonly box: Box;
  readonly font: CardFont;
  readonly size: number;
  readonly minSize: number;
  /** Baseline to baseline at `size`. */
  readonly lineHeight: number;
  readonly align: 'left' | 'center' | 'right';
  readonly upperCase: boolean;
}

/** A validated layout ready to render: every text a {@link TextBlock}. */
export interface CardLayout {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly defaults: { readonly province?: string; readonly regency?: string };
  readonly colourAreas: ReadonlyArray<{ readonly box: Box; readonly rgb: readonly [number, number, number] }>;
  readonly texts: readonly TextBlock[];
  readonly photo: { readonly box: Box; readonly frameWhenEmpty: number };
  readonly signature: { readonly box: Box };
  readonly overlay: Box;
  /** Printer settings sent with each card (`Pc`, `Pl`). */
  readonly printer?: PrintSettings;
}

const layouts = new Map<string, CardLayout>();

/**
 * The layout in a YAML file, validated and frozen, read once per process (it is consulted for
 * every submission and every card). Throws `CONFIG_INVALID` naming each problem's path and value.
 */
export function loadLayout(path: string = DEFAULT_LAYOUT_PATH): CardLayout {
  let layout = layouts.get(path);
  if (layout) return layout;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new CetakError('CONFIG_INVALID', `cannot read card layout ${path}: ${why}`, { cause: error });
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const lines = document.errors.map((e) => e.message.split('\n')[0] ?? e.message);
    throw invalid(path, lines);
  }
  layout = parseLayout(document.toJS(), path);
  layouts.set(path, layout);
  return layout;
}

/**
 * Validates a parsed layout. Font paths are relative to `source`'s folder. Beyond the schema, a
 * label or other fixed text must fit its box at its size, or every card would be refused.
 */
export function parseLayout(raw: unknown, source: string): CardLayout {
  const result = layoutSchema.safeParse(raw);
  if (!result.success) {
    const lines = problemLines(toFieldProblems(result.error, raw));
    for (const issue of layoutIssues(raw)) {
      const line = `${formatPath(issue.path)}: ${issue.message}`;
      if (!lines.includes(line)) lines.push(line);
    }
    throw invalid(source, lines);
  }
  const input = result.data;
  const folder = dirname(source);
  const fonts = new Map<string, CardFont>();
  const fontFor = (key: string) => {
    let font = fonts.get(key);
    if (!font) {
      try {
        font = loadFont(resolve(folder, input.fonts[key] as string));
      } catch (error) {
        throw invalid(source, [`fonts.${key}: ${(error as Error).message}`]);
      }
      fonts.set(key, font);
    }
    return font;
  };
  const texts = [
    ...input.texts.map((text, i) => block(text, `texts[${i}]`, fontFor)),
    ...fieldBlocks(input, fontFor),
  ];
  const problems: string[] = [];
  for (const text of texts) {
    if (text.values.length > 0) continue;
    const shown = text.upperCase ? text.template.toUpperCase() : text.template;
    if (!text.font.hasAll(shown))
      problems.push(`${text.path}: "${text.template}" has a character font ${text.font.name} lacks`);
    else if (!fitText(shown, text))
      problems.push(
        `${text.path}: "${text.template}" does not fit its ${text.box.width}×${text.box.height} box`,
      );
  }
  if (problems.length > 0) throw invalid(source, problems);
  return deepFreeze({
    name: input.name,
    width: input.size.width,
    height: input.size.height,
    defaults: input.defaults,
    colourAreas: input.colourAreas.map((area) => ({ box: area.box, rgb: rgbOf(area.colour) })),
    texts,
    photo: input.photo,
    signature: input.signature,
    overlay: input.overlay?.box ?? { x: 0, y: 0, width: input.size.width, height: input.size.height },
    ...(input.printer && { printer: input.printer }),
  });
}

function invalid(source: string, lines: readonly string[]): CetakError {
  return new CetakError('CONFIG_INVALID', `card layout ${source} is not valid:\n  ${lines.join('\n  ')}`, {
    details: lines,
  });
}

function block(text: TextBlockInput, path: string, fontFor: (key: string) => CardFont): TextBlock {
  return {
    path,
    template: text.text,
    values: placeholdersOf(text.text) as CardValueName[],
    box: text.box,
    font: fontFor(text.font),
    size: text.size,
    minSize: text.minSize ?? text.size,
    lineHeight: text.lineHeight ?? Math.round(text.size * 1.2),
    align: text.align,
    upperCase: text.case === 'upper',
  };
}

/** Each "Label : value" row becomes three texts: the label, the colon and the value. */
function fieldBlocks(input: LayoutInput, fontFor: (key: string) => CardFont): TextBlock[] {
  const fields = input.fields;
  if (!fields) return [];
  const labelSize = fields.label.size ?? 24;
  const valueSize = fields.value.size ?? labelSize;
  return fields.rows.flatMap((row, i): TextBlock[] => {
    const labelX = row.labelX ?? fields.labelX;
    const colonX = row.colonX ?? fields.colonX;
    const valueX = row.valueX ?? fields.valueX;
    const line = fields.lineHeight;
    const fixed = (text: string, x: number, width: number, path: string): TextBlock => ({
      path,
      template: text,
      values: [],
      box: { x, y: row.y, width, height: line },
      font: fontFor(fields.label.font ?? 'regular'),
      size: labelSize,
      minSize: labelSize,
      lineHeight: line,
      align: 'left',
      upperCase: false,
    });
    return [
      fixed(row.label, labelX, colonX - labelX, `fields.rows[${i}].label`),
      fixed(':', colonX, Math.max(1, valueX - colonX), `fields.rows[${i}].colonX`),
      {
        path: `fields.rows[${i}].value`,
        template: row.value,
        values: placeholdersOf(row.value) as CardValueName[],
        box: { x: valueX, y: row.y, width: row.valueWidth ?? fields.valueWidth, height: row.lines * line },
        font: fontFor(fields.value.font ?? fields.label.font ?? 'regular'),
        size: valueSize,
        minSize: fields.value.minSize ?? valueSize,
        lineHeight: line,
        align: 'left',
        upperCase: true,
      },
    ];
  });
}

function rgbOf(colour: string): [number, number, number] {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
