import type { PrinterState, ProblemReason, SpoilReason } from '../../src/drivers/driver.js';
import type { ErrorReason as ProtocolReason } from '../evolis/protocol/index.js';
import type { PrintedPanels } from './bitmaps.js';
import type { LinkFault } from './emulator-schema.js';

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

/**
 * Why the machine refuses or fails a step: the guide-style reasons of the protocol module (what a
 * printer answers after `ERR`), plus `CHIP` for the emulated chip station, which has no wire reply.
 */
export type ErrorReason = ProtocolReason | 'CHIP';

/**
 * Outcomes that get no reply at all: the printer rebooted under the command, is off, or shut
 * itself off to cool (it goes silent mid-card, as a real one does).
 */
export type Silence = 'reset' | 'off' | 'overheat';

export type Outcome<T = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: ErrorReason | Silence };

export const ok = <T = string>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = string>(reason: ErrorReason | Silence): Outcome<T> => ({ ok: false, reason });

/** What a step refused for a latched problem answers. */
export const PROBLEM_REASON: Readonly<Record<Problem, ErrorReason>> = {
  'feeder-empty': 'FEEDER EMPTY',
  'ribbon-out': 'RIBBON',
  'film-out': 'FILM',
  'hopper-full': 'HOPPER FULL',
  'cover-open': 'COVER OPEN',
  'card-jam': 'TIMEOUT',
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
  /** Cards printed ever (each completed print). */
  readonly cards: number;
  readonly ribbon: number;
  readonly film: number;
  /** Blanks in the feeder. */
  readonly feeder: number;
  /** Free slots in the output hopper. */
  readonly hopper: number;
  /** Cleaning cycles run (`Rco;n`), and cards printed since the last (`Rlr;r`). */
  readonly cleanings: number;
  readonly sinceCleaning: number;
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

/** The chip stations of the guide: `Sis` (contact) and `Sic` (contactless). */
export type ChipStation = 'contact' | 'contactless';

/** One card's life, kept for the last card out. */
export interface CardRecord {
  /** Blanks fed since the emulator started, this one included; never reused. */
  readonly number: number;
  readonly fedAtMs: number;
  outAtMs?: number;
  fate?: CardFate;
  /** Set when the machine itself ruined the card. */
  spoiledBy?: SpoilReason;
  chipUid?: string;
  printed: boolean;
  /** At a chip station (`Sis`, `Sic`), or in the print path. */
  station?: ChipStation;
  jammed: boolean;
  /** The bitmaps printed on the card, in guide geometry (empty until it is printed). */
  panels: PrintedPanels;
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
  | { readonly type: 'reset' }
  /** The printer shut itself off to cool: silent until it is back on. */
  | { readonly type: 'shut-off' }
  /** Cooled after a shut-off: it answers again, in standby. */
  | { readonly type: 'back-on' };
