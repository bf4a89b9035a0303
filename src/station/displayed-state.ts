import { isBlockingProblem, type PrinterStatus, type ProblemReason } from '../drivers/driver.js';
import type { StationState } from './station-options.js';

/**
 * What an operator is shown a station doing: the printer's own state, or what the station knows
 * better than the printer's last report.
 * - `printing`: the station started a card and it has not ended, whatever the printer reported
 *   last (a printer says `ready` until its feed and again before the station has booked the card).
 * - `waiting-for-operator`: a problem someone must fix (empty feeder, jam, open cover…) holds it.
 * - `cooling`: the station holds the next card back so the printer cools (the paced wait). A
 *   printer that shut itself off to cool is `overheated`, its own word, and not the station's.
 * - otherwise the printer's own: `warming`, `ready`, `standby`.
 */
export type DisplayedState = StationState | 'cooling' | 'waiting-for-operator';

/** What the station knows of itself besides the printer's last report. */
export interface StationFacts {
  /** The printer link's state: the printer's own, or why it cannot be reached. */
  readonly printer: StationState;
  /** A card started by this station is in the printer (from its start until its outcome). */
  readonly cardInPrinter: boolean;
  /** The station is in a paced wait for the printer to cool. */
  readonly pacing: boolean;
  /** Problems someone must fix before a card can start. */
  readonly blocking: readonly ProblemReason[];
}

/** The one rule for the state `/api/status`, the event stream and the dashboard show. */
export function displayedState(facts: StationFacts): DisplayedState {
  const { printer } = facts;
  if (printer === 'connecting' || printer === 'offline' || printer === 'stopped' || printer === 'overheated')
    return printer;
  if (facts.cardInPrinter) return 'printing';
  if (facts.blocking.length > 0) return 'waiting-for-operator';
  if (facts.pacing) return 'cooling';
  return printer;
}

/** Problems that keep a station from taking a card (a lost link is the link's state, not a problem to fix). */
export function blockingProblemsOf(printer: PrinterStatus | undefined): ProblemReason[] {
  return (printer?.problems ?? []).filter((p) => isBlockingProblem(p) && p !== 'link-lost');
}
