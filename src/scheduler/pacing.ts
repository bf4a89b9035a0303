import { cycleSeconds } from '../config/profile-schema.js';
import type { Priority } from '../store/job-store.js';
import { advanceThermal, type ThermalState, timeUntil } from '../thermal/thermal-model.js';
import type { PrinterModel } from './printer-model.js';

/** Decides when the next card may start. */
export interface Pacer {
  /** Milliseconds to wait before starting a card of this priority; 0 means now. */
  delayBeforeCard(priority: Priority, nowMs: number): number;
  /** The same decision for a printer in a given (hypothetical) thermal state: for forecasts. */
  delayFrom(state: ThermalState, atMs: number, priority: Priority): number;
}

/** A plain spooler: every card at once, back to back. The baseline the thermal policy is measured against. */
export const FIFO_PACER: Pacer = { delayBeforeCard: () => 0, delayFrom: () => 0 };

export interface ThermalPacingOptions {
  /** Keep every predicted peak this far below the printer's cut-off. */
  readonly marginC: number;
  /** How long a walk-in may wait for the printer to cool before its card starts. */
  readonly walkInWaitSeconds: number;
  /** How many walk-ins in a row the backlog leaves headroom for, now. */
  readonly walkInsReserved: () => number;
}

/** Beyond this, waiting is re-planned anyway (new readings, new arrivals). */
const HORIZON_MS = 2 * 3_600_000;

/**
 * Paces cards so that the printer never reaches its cut-off, while a walk-in never waits for a
 * cool-down.
 *
 * - A walk-in starts as soon as its card's predicted peak stays under the limit.
 * - A backlog card starts only if, after it, a walk-in arriving at the worst moment (just as it
 *   ends) could still wait at most `walkInWaitSeconds` and print under the limit. That headroom is
 *   exactly one walk-in card, less the cooling its short wait buys — no more is held back — and it
 *   is computed from the model at the current temperature, so it shrinks where cooling is fast.
 *
 * Between those checks the backlog runs at the limit, where Newton cooling removes heat fastest:
 * the pace is as close to the day's thermal bound as the walk-in promise allows.
 */
export class ThermalPacer implements Pacer {
  readonly #model: PrinterModel;
  readonly #options: ThermalPacingOptions;

  constructor(model: PrinterModel, options: ThermalPacingOptions) {
    this.#model = model;
    this.#options = options;
  }

  delayBeforeCard(priority: Priority, nowMs: number): number {
    return this.delayFrom(this.#model.state(), nowMs, priority);
  }

  delayFrom(now: ThermalState, nowMs: number, priority: Priority): number {
    const { profile, ambient } = this.#model;
    // How unsure the figures are lives in which hypothesis the model plans with (a cautious
    // quantile of its belief, docs/thermal.md), not in a wider margin here.
    const limit = profile.thermal.cutoffC - this.#options.marginC;
    const cycleMs = cycleSeconds(profile) * 1000;
    const waitMs = this.#options.walkInWaitSeconds * 1000;
    const card = (state: ThermalState, at: number) =>
      advanceThermal(state, { heaterOn: true, cardInPrinter: true }, at, at + cycleMs, profile, ambient);
    const reserved = this.#options.walkInsReserved();
    const fits =
      priority === 'walk-in'
        ? (state: ThermalState, at: number) => card(state, at).internalC <= limit
        : (state: ThermalState, at: number) => {
            let after = card(state, at);
            let t = at + cycleMs;
            if (after.internalC > limit) return false;
            // Room for walk-ins arriving at the worst moment, one after another: each may wait
            // its allowance to cool, then must print under the limit.
            for (let i = 0; i < reserved; i++) {
              after = card(advanceThermal(after, IDLE, t, t + waitMs, profile, ambient), t + waitMs);
              t += waitMs + cycleMs;
              if (after.internalC > limit) return false;
            }
            return true;
          };
    if (fits(now, nowMs)) return 0;
    return timeUntil(now, IDLE, nowMs, profile, ambient, fits, HORIZON_MS) ?? HORIZON_MS;
  }
}

/** Waiting between cards: heater on, no card. */
const IDLE = { heaterOn: true, cardInPrinter: false } as const;
