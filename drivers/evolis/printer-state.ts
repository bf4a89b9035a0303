import type { ProfileConfig } from '../../src/config/profile-schema.js';
import type { Consumables, PrinterState, PrinterStatus, ProblemReason } from '../../src/drivers/driver.js';
import type { Reading } from './status-reader.js';

/** What the driver has seen of its printer, from which {@link statusOf} tells the state. */
export interface Observed {
  /** Whether the printer answered the last command sent to it. */
  readonly answering: boolean;
  /** It stopped answering with a card inside: a printer that shuts itself off does that. */
  readonly silentMidCard: boolean;
  readonly cardInFlight: boolean;
  /** When the last card left the printer, or the host last asked for it warm (epoch ms). */
  readonly lastCardAtMs: number | undefined;
  readonly problems: ReadonlySet<ProblemReason>;
  readonly reading: Reading;
}

/**
 * The printer's state as the host can tell it. The guide has no state read, so:
 * - silent: `off`, or `overheated` when it fell silent with a card inside;
 * - a card of ours inside: `printing`;
 * - with the temperature extension: `standby` (heater off), `warming`, or `ready` (roller in its
 *   band);
 * - without: a printer heats its roller for the card that needs it and keeps it warm until its
 *   idle-off time (the profile's `heaterIdleOffMinutes`) after the last card, so it is `ready`
 *   (it takes a card now) that long after a card or after the host asked for it warm, and
 *   `standby` otherwise.
 */
export function stateOf(observed: Observed, nowMs: number, profile: ProfileConfig): PrinterState {
  if (!observed.answering) return observed.silentMidCard ? 'overheated' : 'off';
  if (observed.cardInFlight) return 'printing';
  const { heaterOn, rollerC } = observed.reading;
  if (heaterOn !== undefined) {
    if (!heaterOn) return 'standby';
    return rollerC !== undefined && rollerC >= profile.roller.readyMinC && rollerC <= profile.roller.readyMaxC
      ? 'ready'
      : 'warming';
  }
  const warmFor = profile.heaterIdleOffMinutes * 60_000;
  return observed.lastCardAtMs !== undefined && nowMs - observed.lastCardAtMs < warmFor ? 'ready' : 'standby';
}

export function statusOf(observed: Observed, nowMs: number, profile: ProfileConfig): PrinterStatus {
  const { reading } = observed;
  const problems = [...observed.problems, ...reading.shown];
  const { stock } = reading;
  const consumables: Consumables = {
    ribbonRemaining: stock?.ribbon ?? reading.ribbonLeft,
    filmRemaining: stock?.film,
    blanksRemaining: stock?.feeder,
    hopperSpace: stock?.hopper,
  };
  return makeStatus(
    stateOf(observed, nowMs, profile),
    problems,
    {
      ...(reading.internalC !== undefined && { internalC: reading.internalC }),
      ...(reading.rollerC !== undefined && { rollerC: reading.rollerC }),
    },
    consumables,
  );
}

/** A status, frozen, in one key order (so statuses compare), with unknown fields left out. */
export function makeStatus(
  state: PrinterState,
  problems: readonly ProblemReason[],
  temperatures: PrinterStatus['temperatures'] = {},
  consumables: Consumables = {},
): PrinterStatus {
  return Object.freeze({
    state,
    problems: Object.freeze([...new Set(problems)].sort()),
    temperatures: known({ internalC: temperatures.internalC, rollerC: temperatures.rollerC }),
    consumables: known({
      ribbonRemaining: consumables.ribbonRemaining,
      filmRemaining: consumables.filmRemaining,
      blanksRemaining: consumables.blanksRemaining,
      hopperSpace: consumables.hopperSpace,
    }),
  });
}

export function sameStatus(a: PrinterStatus, b: PrinterStatus): boolean {
  const canonical = (s: PrinterStatus) =>
    JSON.stringify(makeStatus(s.state, s.problems, s.temperatures, s.consumables));
  return canonical(a) === canonical(b);
}

function known<T extends object>(fields: T): Readonly<T> {
  return Object.freeze(
    Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  ) as Readonly<T>;
}
