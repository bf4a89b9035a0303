import type { LinkFault } from '../../src/config/emulator-schema.js';
import type { PrinterState, ProblemReason, SpoilReason } from '../../src/drivers/driver.js';
import type { Panel } from './panels.js';

/** The emulated printer's states: the driver contract's, one for one. */
export type MachineState = PrinterState;

/** Latched problems (`Rpb`), in the order the emulator reports and checks them. */
export const PROBLEMS = [
  'feeder-empty',
  'ribbon-out',
  'film-out',
  'hopper-full',
  'cover-open',
  'card-jam',
  'chip-error',
] as const satisfies readonly ProblemReason[];
export type Problem = (typeof PROBLEMS)[number];

/** PROTOCOL.md's error reasons: what the machine answers when it refuses or fails. */
export type ErrorReason =
  | 'UNKNOWN'
  | 'SYNTAX'
  | 'BUSY'
  | 'NO CARD'
  | 'NOT READY'
  | 'OVERHEAT'
  | 'FEEDER EMPTY'
  | 'RIBBON OUT'
  | 'FILM OUT'
  | 'HOPPER FULL'
  | 'COVER OPEN'
  | 'JAM'
  | 'CHIP'
  | 'SIZE'
  | 'NO IMAGE';

/** Outcomes that get no reply at all: the printer rebooted under the command, or is off. */
export type Silence = 'reset' | 'off';

export type Outcome<T = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: ErrorReason | Silence };

export const ok = <T = string>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = string>(reason: ErrorReason | Silence): Outcome<T> => ({ ok: false, reason });

export const PROBLEM_REASON: Readonly<Record<Problem, ErrorReason>> = {
  'feeder-empty': 'FEEDER EMPTY',
  'ribbon-out': 'RIBBON OUT',
  'film-out': 'FILM OUT',
  'hopper-full': 'HOPPER FULL',
  'cover-open': 'COVER OPEN',
  'card-jam': 'JAM',
  'chip-error': 'CHIP',
};

export const OPERATOR_ACTIONS = [
  'load-blanks',
  'replace-ribbon',
  'replace-film',
  'empty-hopper',
  'close-cover',
  'clear-jam',
  'power-on',
  'power-off',
] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

export function isOperatorAction(name: string): name is OperatorAction {
  return (OPERATOR_ACTIONS as readonly string[]).includes(name);
}

export interface Counters {
  /** Cards printed ever (each completed `Sr`). */
  readonly cards: number;
  readonly ribbon: number;
  readonly film: number;
  /** Blanks in the feeder. */
  readonly feeder: number;
  /** Free slots in the output hopper. */
  readonly hopper: number;
}

export interface MachineStatus {
  readonly state: MachineState;
  readonly problems: readonly Problem[];
  readonly internalC: number;
  readonly rollerC: number;
  readonly heaterOn: boolean;
  readonly counters: Counters;
}

/** Where a card ended: output hopper (good), reject tray, or the operator's hand (a jam). */
export type CardFate = 'hopper' | 'reject' | 'operator';

/** One card's life, kept for the last card (and a later card-face feature). */
export interface CardRecord {
  /** Blanks fed since the emulator started, this one included. */
  readonly number: number;
  readonly fedAtMs: number;
  outAtMs?: number;
  fate?: CardFate;
  /** Set when the machine itself ruined the card. */
  spoiledBy?: SpoilReason;
  chipUid?: string;
  printed: boolean;
  atEncoder: boolean;
  jammed: boolean;
  /** The panels downloaded when the card left the machine. */
  panels: ReadonlyMap<Panel, Uint8Array>;
}

export type MachineEvent =
  /** State or problems changed. */
  | { readonly type: 'status'; readonly status: MachineStatus }
  /** A card left the machine (hopper, reject tray, or taken out by the operator). */
  | { readonly type: 'card-out'; readonly card: Readonly<CardRecord> }
  /** A link fault struck; every protocol server attached applies it. */
  | {
      readonly type: 'link-fault';
      readonly fault: Exclude<LinkFault, 'printer-reset'>;
      readonly seconds?: number;
    }
  /** The printer rebooted: a command in progress is never answered. */
  | { readonly type: 'reset' };
