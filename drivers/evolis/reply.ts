import type { PrinterState, ProblemReason, SpoilReason } from '../../src/drivers/driver.js';
import { CetakError } from '../../src/errors.js';

/**
 * Reply lines of the dialect (PROTOCOL.md, "Commands"): what kind each is, and the values of the
 * read commands. A value the driver cannot understand is a `REPLY_INVALID` error, never a crash.
 */

export type Reply =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly reason: string }
  | { readonly kind: 'value'; readonly text: string };

const OK: Reply = Object.freeze({ kind: 'ok' });

/** `OK`, `ERR <REASON>`, or anything else as a value. Surrounding spaces are ignored. */
export function classifyReply(line: string): Reply {
  const text = line.trim();
  if (text === 'OK') return OK;
  if (text === 'ERR' || text.startsWith('ERR ')) return { kind: 'error', reason: text.slice(3).trim() };
  return { kind: 'value', text };
}

/** For logs and messages: `OK`, `ERR JAM`, or the value (shortened). */
export function describeReply(reply: Reply): string {
  if (reply.kind === 'ok') return 'OK';
  if (reply.kind === 'error') return `ERR ${reply.reason}`;
  return JSON.stringify(shorten(reply.text));
}

/** `Rco`: printed cards ever; ribbon and film left (cards); blanks in the feeder; free hopper slots. */
export interface Counters {
  readonly cards?: number;
  readonly ribbon?: number;
  readonly film?: number;
  readonly feeder?: number;
  readonly hopper?: number;
}

const COUNTER_KEYS = ['cards', 'ribbon', 'film', 'feeder', 'hopper'] as const;

/**
 * `cards=N;ribbon=N;film=N;feeder=N;hopper=N`, in any order. Unknown keys are ignored (a newer
 * firmware may add some); a missing key leaves that counter unknown.
 */
export function parseCounters(text: string): Counters {
  const fields = keyValues('Rco', text);
  const counters: Record<string, number> = {};
  for (const key of COUNTER_KEYS) {
    const value = fields.get(key);
    if (value === undefined) continue;
    if (!/^\d{1,9}$/.test(value)) throw invalid('Rco', text, `${key} is not a count`);
    counters[key] = Number(value);
  }
  if (Object.keys(counters).length === 0) throw invalid('Rco', text, 'no known counter');
  return counters;
}

const STATES: Readonly<Record<string, PrinterState>> = {
  OFF: 'off',
  STANDBY: 'standby',
  WARMING: 'warming',
  READY: 'ready',
  PRINTING: 'printing',
  OVERHEAT: 'overheated',
};

/** `Rst`: the printer's state word, mapped to the contract's {@link PrinterState}. */
export function parseState(text: string): PrinterState {
  const state = STATES[text.trim().toUpperCase()];
  if (state === undefined) throw invalid('Rst', text, 'unknown state');
  return state;
}

const PROBLEMS: Readonly<Record<string, ProblemReason>> = {
  'FEEDER EMPTY': 'feeder-empty',
  'RIBBON OUT': 'ribbon-out',
  'FILM OUT': 'film-out',
  'HOPPER FULL': 'hopper-full',
  'COVER OPEN': 'cover-open',
  JAM: 'card-jam',
  CHIP: 'chip-error',
};

export interface Problems {
  readonly problems: readonly ProblemReason[];
  /** Tokens this driver does not know; the caller logs them. */
  readonly unknown: readonly string[];
}

/** `Rpb`: `NONE` or a comma-separated list. Unknown tokens are returned apart, not refused. */
export function parseProblems(text: string): Problems {
  const problems = new Set<ProblemReason>();
  const unknown = new Set<string>();
  const tokens = text
    .split(',')
    .map((token) => token.trim().toUpperCase())
    .filter((token) => token !== '');
  if (tokens.length === 0) throw invalid('Rpb', text, 'empty');
  for (const token of tokens) {
    if (token === 'NONE') continue;
    const problem = PROBLEMS[token];
    if (problem) problems.add(problem);
    else unknown.add(token);
  }
  return { problems: [...problems], unknown: [...unknown] };
}

export interface Temperatures {
  readonly internalC?: number;
  readonly rollerC?: number;
}

/** `Xt`: `internal=35.2;roller=165.0` (°C). */
export function parseTemperatures(text: string): Temperatures {
  const fields = keyValues('Xt', text);
  const result: { internalC?: number; rollerC?: number } = {};
  for (const [key, target] of [
    ['internal', 'internalC'],
    ['roller', 'rollerC'],
  ] as const) {
    const value = fields.get(key);
    if (value === undefined) continue;
    if (!/^-?\d{1,4}(\.\d{1,3})?$/.test(value)) throw invalid('Xt', text, `${key} is not a temperature`);
    result[target] = Number(value);
  }
  if (result.internalC === undefined && result.rollerC === undefined) {
    throw invalid('Xt', text, 'no known temperature');
  }
  return result;
}

/** `Xce`: the chip's UID, 14 hex digits; returned in upper case. */
export function parseChipUid(text: string): string {
  const uid = text.trim();
  if (!/^[0-9A-Fa-f]{14}$/.test(uid)) throw invalid('Xce', text, 'not a 14-digit hex chip UID');
  return uid.toUpperCase();
}

const SPOIL_REASONS: Readonly<Record<string, SpoilReason>> = {
  OVERHEAT: 'overheat',
  JAM: 'card-jam',
  CHIP: 'chip-error',
  'RIBBON OUT': 'ribbon-break',
};

/** Why a card was spoiled, from the `ERR` reason of the step that failed after `Ss`. */
export function spoilReasonFor(errorReason: string): SpoilReason {
  return SPOIL_REASONS[errorReason.trim().toUpperCase()] ?? 'printer-error';
}

function keyValues(command: string, text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const item of text.split(';')) {
    if (item.trim() === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw invalid(command, text, `"${shorten(item)}" is not key=value`);
    fields.set(item.slice(0, eq).trim().toLowerCase(), item.slice(eq + 1).trim());
  }
  return fields;
}

function invalid(command: string, text: string, why: string): CetakError {
  return new CetakError('REPLY_INVALID', `${command} reply ${JSON.stringify(shorten(text))}: ${why}`);
}

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
