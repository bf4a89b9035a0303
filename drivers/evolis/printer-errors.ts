import type { ProblemReason, SpoilReason } from '../../src/drivers/driver.js';

/**
 * What a printer's `ERR …` (or NACK code, read as its word by the protocol module) says about
 * its state. The guide gives categories, not texts (A5013 section 5: command, parameter,
 * time-out/mechanical, cover, feeder, ribbon), so this looks for the category's word anywhere in
 * the reason: `ERR FEEDER EMPTY`, `ERR FEEDER` and NACK `F` all mean the feeder.
 */
const CATEGORIES: ReadonlyArray<readonly [RegExp, ProblemReason | undefined, SpoilReason]> = [
  [/FEEDER/, 'feeder-empty', 'printer-error'],
  [/COVER/, 'cover-open', 'printer-error'],
  [/FILM/, 'film-out', 'ribbon-break'],
  [/RIBBON/, 'ribbon-out', 'ribbon-break'],
  [/HOPPER/, 'hopper-full', 'printer-error'],
  [/JAM|TIMEOUT|TIME-OUT|MECHANICAL|BLOCKED/, 'card-jam', 'card-jam'],
];

/** The problem an error reason reports, if it reports one someone must fix. */
export function problemFor(reason: string): ProblemReason | undefined {
  const text = reason.toUpperCase();
  return CATEGORIES.find(([pattern]) => pattern.test(text))?.[1];
}

/** Why a card was spoiled, from the reason of the step that failed after the blank was fed. */
export function spoilReasonFor(reason: string): SpoilReason {
  const text = reason.toUpperCase();
  return CATEGORIES.find(([pattern]) => pattern.test(text))?.[2] ?? 'printer-error';
}

/** Which problem an operator's action clears. */
export const CLEARED_BY = {
  'blanks-loaded': 'feeder-empty',
  'ribbon-replaced': 'ribbon-out',
  'film-replaced': 'film-out',
  'hopper-emptied': 'hopper-full',
  'jam-cleared': 'card-jam',
  'cover-closed': 'cover-open',
} as const satisfies Record<string, ProblemReason>;
