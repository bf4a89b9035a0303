import { z } from 'zod';
import { PRINTER_FIXES } from '../drivers/driver.js';

/**
 * Everything an operator does to a station, in one vocabulary: the API (`POST
 * /api/stations/:id/actions`, and `/:id/<kind>` for those without arguments), the CLI (`cetak
 * station ID <kind>`), the dashboard and the audit log use these spellings. `at-printer` reports
 * what the operator fixed or refilled at the printer itself (`did`).
 */
export const operatorActionSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('pause') })
    .describe('no new card starts; the one in the printer finishes'),
  z.strictObject({ kind: z.literal('resume') }).describe('take cards again'),
  z.strictObject({ kind: z.literal('warm') }).describe('switch the roller heater on now'),
  z.strictObject({ kind: z.literal('standby') }).describe('pause and switch the heater off'),
  z
    .strictObject({ kind: z.literal('relearn') })
    .describe("forget what was learnt of the printer's thermal figures (moved or serviced)"),
  z
    .strictObject({
      kind: z.literal('at-printer'),
      did: z.enum(PRINTER_FIXES),
      count: z.number().int().min(1).max(10_000).optional().describe('with blanks-loaded: how many'),
    })
    .describe('the operator fixed or refilled something at the printer; it is re-read'),
]);

export type OperatorAction = z.infer<typeof operatorActionSchema>;
export type OperatorActionKind = OperatorAction['kind'];

export const OPERATOR_ACTION_KINDS = [
  'pause',
  'resume',
  'warm',
  'standby',
  'relearn',
  'at-printer',
] as const satisfies readonly OperatorActionKind[];

/** The kinds that take no arguments, each also a route of its own (`POST /api/stations/:id/<kind>`). */
export const PLAIN_ACTIONS = [
  'pause',
  'resume',
  'warm',
  'standby',
  'relearn',
] as const satisfies readonly Exclude<OperatorActionKind, 'at-printer'>[];
export type PlainAction = (typeof PLAIN_ACTIONS)[number];

/**
 * `{ "action": "jam-cleared" }`, the body `/actions` took before the kinds: still accepted and
 * read as `{ "kind": "at-printer", "did": "jam-cleared" }`. Deprecated; send a `kind`.
 */
export const legacyPrinterFixSchema = z.strictObject({ action: z.enum(PRINTER_FIXES) });

/** The body of `POST /api/stations/:id/actions`: an operator action, or the deprecated form. */
export const operatorActionBodySchema = z.union([operatorActionSchema, legacyPrinterFixSchema]);

/** How the audit log names an action: its kind, and for `at-printer` what was done. */
export function describeAction(action: OperatorAction): string {
  return action.kind === 'at-printer'
    ? `at-printer:${action.did}${action.count === undefined ? '' : ` ×${action.count}`}`
    : action.kind;
}
