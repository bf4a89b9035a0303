import { z } from 'zod';
import type { PrinterDriver, ProblemReason } from '../drivers/driver.js';
import type { PrinterModel } from '../scheduler/printer-model.js';
import type { Hours } from '../scheduler/service-hours.js';
import { blockingProblemsOf, type DisplayedState, displayedState } from './displayed-state.js';
import type { PrinterLink } from './printer-link.js';
import type { StationState } from './station-options.js';
import { thermalView } from './thermal-view.js';

/** Raised whenever a field changes meaning or goes; added fields keep the version. */
export const STATION_SNAPSHOT_VERSION = 1;

// Records keep these lists complete: a state or problem added to the types must be added here.
const STATION_STATE_SET: Record<StationState, true> = {
  off: true,
  standby: true,
  warming: true,
  ready: true,
  printing: true,
  overheated: true,
  connecting: true,
  offline: true,
  stopped: true,
};
const PROBLEM_SET: Record<ProblemReason, true> = {
  'ribbon-out': true,
  'film-out': true,
  'feeder-empty': true,
  'hopper-full': true,
  'cover-open': true,
  'card-jam': true,
  'chip-error': true,
  'link-lost': true,
};
/** Every state a station's link can be in (the printer's own, or why it cannot be reached). */
export const STATION_STATES = Object.keys(STATION_STATE_SET) as StationState[];
export const PROBLEM_REASONS = Object.keys(PROBLEM_SET) as ProblemReason[];
const DISPLAYED_STATES: readonly DisplayedState[] = [...STATION_STATES, 'cooling', 'waiting-for-operator'];

/** What the station will do next, and from when (ISO) where it knows. */
export const NEXT_ACTIONS = [
  'print', // working through the queue now (warming for or starting a card)
  'finish-card', // a card is in the printer, due out `at`
  'cool-until', // holding the next card back so the printer cools, until `at`
  'wait-for-opening', // outside opening hours: only walk-ins print until `at`
  'wait-for-operator', // a problem someone must fix holds it
  'wait-for-printer', // the printer is off, overheated or not answering
  'paused', // an operator paused it
  'idle', // nothing to print
  'stopped', // the daemon is stopping
] as const;
export type NextActionKind = (typeof NEXT_ACTIONS)[number];

const iso = z.string().describe('ISO 8601 time');
const estimateSchema = z.object({ mean: z.number(), low: z.number(), high: z.number() });
const learntSchema = estimateSchema.extend({ profile: z.number().describe("the profile's figure") });

/** The inside as measured or estimated (with its 90 % band), and what has been learnt of the printer. */
export const thermalSnapshotSchema = z.object({
  inside: z.discriminatedUnion('source', [
    z.object({ source: z.literal('measured'), c: z.number() }),
    z.object({ source: z.literal('estimated'), c: z.number(), low: z.number(), high: z.number() }),
  ]),
  learnt: z.object({
    heatPerCardC: learntSchema,
    timeConstantMinutes: learntSchema,
    heaterOffsetC: learntSchema,
  }),
  roomOffsetC: estimateSchema,
  evidence: z.object({
    cards: z.number(),
    shutoffs: z.number(),
    returns: z.number(),
    readings: z.number(),
    surprises: z.number(),
  }),
  attention: z.array(z.string()).describe('what a technician should look at, in plain words'),
  cutOffC: z.number().describe('the inside at which the printer shuts itself off (its profile)'),
});

/**
 * One station as everything outside `src/station` sees it: `/api/status`, the event stream,
 * `/metrics`, the dashboard and the simulator's reports are derived from this, so each derived fact
 * (displayed state, blocking problems, the thermal inside, the next action) is computed here once.
 * What the station does not own (the queue, today's counts, the forecast's share, alerts) is added
 * by `src/fleet/fleet-status.ts`, which owns the store and the alert book.
 */
export const stationSnapshotSchema = z.object({
  version: z.literal(STATION_SNAPSHOT_VERSION),
  id: z.string(),
  kecamatan: z.string(),
  serves: z.array(z.string()).describe('kecamatan whose cards it prints: its own and those routed to it'),
  driver: z.string(),
  /** What operators are shown (`src/station/displayed-state.ts`). */
  state: z.enum(DISPLAYED_STATES),
  printerState: z.enum(STATION_STATES).describe("the printer's own last report, or why it cannot be reached"),
  pausedSince: iso.nullable(),
  problems: z.array(z.enum(PROBLEM_REASONS)),
  blockingProblems: z.array(z.enum(PROBLEM_REASONS)).describe('problems that keep it from taking a card'),
  temperatures: z.object({ internalC: z.number().optional(), rollerC: z.number().optional() }),
  thermal: thermalSnapshotSchema,
  consumables: z.object({
    ribbonRemaining: z.number().optional(),
    filmRemaining: z.number().optional(),
    blanksRemaining: z.number().optional(),
    hopperSpace: z.number().optional(),
  }),
  printer: z.object({ model: z.string(), serial: z.string(), firmware: z.string() }).nullable(),
  currentJob: z.string().nullable(),
  cardEndsAt: iso.nullable().describe('when the card in the printer is due out'),
  lastError: z.string().nullable(),
  lastSeen: iso.nullable(),
  counters: z.object({
    reconnects: z.number().int(),
    linkMessages: z.number().int().nullable(),
    linkTimeouts: z.number().int().nullable(),
  }),
  nextAction: z.object({ kind: z.enum(NEXT_ACTIONS), at: iso.nullable() }),
  takenAt: iso,
});

type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A station at one instant: built afresh on every call, never changed after. */
export type StationSnapshot = DeepReadonly<z.infer<typeof stationSnapshotSchema>>;

/**
 * What the station hands the builder: itself (its public facts), the parts it keeps private and its
 * own state. The station and its parts are passed by reference, never spread into a new object:
 * spreading them made every snapshot about six times slower (23 µs against 3.5 µs on the
 * Palembang fleet), and the watchers take one on every change.
 */
export interface SnapshotInput {
  readonly station: {
    readonly id: string;
    readonly kecamatan: string;
    readonly serves: readonly string[];
    readonly driverName: string;
    readonly lastError: string | undefined;
  };
  readonly parts: { readonly driver: PrinterDriver; readonly model: PrinterModel; readonly hours: Hours };
  readonly link: PrinterLink;
  readonly currentJobId: string | undefined;
  readonly cardInPrinter: boolean;
  /** When the card in the printer is due out (epoch ms). */
  readonly cardEndsAt: number;
  /** When a paced wait ends (epoch ms), while there is one. */
  readonly pacingUntil: number | undefined;
  readonly pausedSince: number | undefined;
  /** The drain loop is running (warming for or starting a card). */
  readonly busy: boolean;
}

/** One change of a station, as each of its `onChange` listeners is told of it. */
export interface StationChange {
  /**
   * The station as this change left it: one snapshot, taken when a listener first asks and handed
   * to every listener of the change that asks, so that the watchers of a change (the event stream,
   * the learning watch) build and read one snapshot between them, not one each.
   */
  snapshot(): StationSnapshot;
}

/** The change to tell listeners: the snapshot `take` gives, taken once, when first asked for. */
export function sharedChange(take: () => StationSnapshot): StationChange {
  let taken: StationSnapshot | undefined;
  return { snapshot: () => (taken ??= take()) };
}

const isoOf = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The one place a station's derived facts are computed. */
export function buildStationSnapshot(input: SnapshotInput, nowMs: number): StationSnapshot {
  const { link, station } = input;
  const { driver, model } = input.parts;
  const printer = link.printer;
  const problems = [...(printer?.problems ?? [])];
  const blocking = blockingProblemsOf(printer);
  const next = nextAction(input, link.state, blocking, nowMs);
  const linkStats = driver.linkStats?.();
  let thermal: StationSnapshot['thermal'] | undefined;
  const snapshot: StationSnapshot = {
    version: STATION_SNAPSHOT_VERSION,
    id: station.id,
    kecamatan: station.kecamatan,
    serves: [...station.serves],
    driver: station.driverName,
    state: displayedState({
      printer: link.state,
      cardInPrinter: input.cardInPrinter,
      pacing: input.pacingUntil !== undefined,
      blocking,
    }),
    printerState: link.state,
    pausedSince: isoOf(input.pausedSince),
    problems,
    blockingProblems: blocking,
    temperatures: { ...printer?.temperatures },
    // The one costly part, and most readers (the watchers of every change) do not look at it:
    // taken when first read (an enumerable getter, so spreading and JSON see it like any field),
    // once, at the snapshot's instant (`thermal-view.ts`).
    get thermal() {
      thermal ??= thermalView(model, printer?.temperatures.internalC, nowMs);
      return thermal;
    },
    consumables: { ...printer?.consumables },
    printer: link.identity ? { ...link.identity } : null,
    currentJob: input.currentJobId ?? null,
    cardEndsAt: input.currentJobId === undefined ? null : isoOf(input.cardEndsAt),
    lastError: station.lastError ?? null,
    lastSeen: isoOf(link.lastSeen),
    counters: {
      reconnects: link.reconnects,
      linkMessages: linkStats?.messages ?? null,
      linkTimeouts: linkStats?.timeouts ?? null,
    },
    nextAction: { kind: next.kind, at: isoOf(next.at) },
    takenAt: new Date(nowMs).toISOString(),
  };
  return snapshot;
}

function nextAction(
  input: SnapshotInput,
  link: StationState,
  blocking: readonly ProblemReason[],
  nowMs: number,
): { kind: NextActionKind; at?: number } {
  if (link === 'stopped') return { kind: 'stopped' };
  if (input.cardInPrinter) return { kind: 'finish-card', at: input.cardEndsAt };
  if (link === 'off' || link === 'overheated' || link === 'offline' || link === 'connecting')
    return { kind: 'wait-for-printer' };
  if (input.pausedSince !== undefined) return { kind: 'paused' };
  if (blocking.length > 0) return { kind: 'wait-for-operator' };
  if (input.pacingUntil !== undefined) return { kind: 'cool-until', at: input.pacingUntil };
  if (input.busy) return { kind: 'print' };
  const { hours } = input.parts;
  if (!hours.isOpen(nowMs)) return { kind: 'wait-for-opening', at: hours.nextOpen(nowMs) };
  return { kind: 'idle' };
}
