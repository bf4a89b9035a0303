import { IMAGE_FIELDS, imageProblem } from './card-images.js';
import type { CardLayout, TextBlock } from './card-layout.js';
import { cardValues, fillTemplate, type IssueContext } from './card-values.js';
import { fitText, normaliseText } from './text-fit.js';

/**
 * Why the job's values cannot be printed in this layout, one `field: reason` line per field; empty
 * when every value fits. Lines name the field, never the value: they reach HTTP answers and logs.
 *
 * The issue date always has the same width, so any day serves at intake. A job with a ready-made
 * `frontImage` prints that instead of the layout, so its values need not fit.
 */
export function cardTextProblems(
  card: Readonly<Record<string, string | undefined>>,
  layout: CardLayout,
  issue: IssueContext = { issuedAt: 0, timeZone: 'UTC' },
): string[] {
  if (card.frontImage) return [];
  const values = cardValues(card, layout, issue);
  const problems = new Map<string, string>();
  for (const block of layout.texts) {
    if (block.values.length === 0) continue;
    const { text, fields } = fillTemplate(block.template, values);
    const field = fields[0] ?? block.path;
    if (problems.has(field)) continue;
    const problem = blockProblem(block, text);
    if (problem) problems.set(field, problem);
  }
  return [...problems].map(([field, reason]) => `${field}: ${reason}`);
}

/** Verdicts for texts seen before, per block: religions, occupations and dates repeat a lot. */
const verdicts = new WeakMap<TextBlock, Map<string, string> | null>();
const VERDICTS_KEPT = 1000;

/** Values nearly every resident has a different one of: remembering them would only cost. */
const UNIQUE_VALUES = new Set<string>(['nik', 'name', 'address', 'birthPlaceDate']);

/** Why `text` cannot be set in `block`, or undefined. */
function blockProblem(block: TextBlock, text: string): string | undefined {
  let seen = verdicts.get(block);
  if (seen === undefined) {
    seen = block.values.some((value) => UNIQUE_VALUES.has(value)) ? null : new Map<string, string>();
    verdicts.set(block, seen);
  }
  let verdict = seen?.get(text);
  if (verdict === undefined) {
    const shown = normaliseText(text, block.upperCase);
    if (!block.font.hasAll(shown)) verdict = "has a character the card's font cannot print";
    else if (fitText(shown, block)) verdict = '';
    else {
      const lines = Math.max(1, Math.round(block.box.height / block.lineHeight));
      verdict = `too long for its place on the card (${lines === 1 ? 'one line' : `${lines} lines`}, even at the smallest size)`;
    }
    // A full memo starts over rather than grow with an import.
    if (seen && seen.size >= VERDICTS_KEPT) seen.clear();
    seen?.set(text, verdict);
  }
  return verdict || undefined;
}

/** Why the job's images cannot be printed: not PNG or JPEG, too large, or damaged. */
export function cardImageProblems(card: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  for (const field of IMAGE_FIELDS) {
    const base64 = card[field];
    const problem = base64 === undefined ? undefined : imageProblem(base64);
    if (problem) problems.push(`${field}: ${problem}`);
  }
  return problems;
}
