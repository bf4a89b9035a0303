import type { Pacer } from '../scheduler/pacing.js';
import { planCards } from '../scheduler/planner.js';
import type { PrinterModel } from '../scheduler/printer-model.js';
import type { Hours } from '../scheduler/service-hours.js';
import type { Priority } from '../store/job-store.js';
import { advanceThermal, timeUntil } from '../thermal/thermal-model.js';
import type { StationState } from './station-options.js';

/** Forecasts are re-planned at most this often per station (a plan costs a few milliseconds). */
const REPLAN_MS = 60_000;
/** More than a day's cards is never planned. */
const MAX_PLANNED_CARDS = 400;

export interface StationForecast {
  /** Seconds until the printer can take a card: 0 when it can now, null when nobody can tell (off, offline). */
  readonly readyInSeconds: number | null;
  /** Cards this station is projected to print today: done so far plus what it can still do by closing. */
  readonly projectedToday: number;
}

/** What the forecast reads of its station at the moment it plans. */
export interface ForecastFacts {
  readonly state: StationState;
  /** When the card in the printer is due out (epoch ms); in the past when none is. */
  readonly cardEndsAt: number;
  /** Whether a problem someone must fix keeps the printer from taking a card. */
  readonly blocked: boolean;
}

export interface ForecastParts {
  readonly model: PrinterModel;
  readonly pacer: Pacer;
  readonly hours: Hours;
  readonly facts: () => ForecastFacts;
}

/**
 * When a station is ready and how its day will end, planned on its printer's thermal model and its
 * pacing policy. It lives inside `src/station` so the model, pacer and hours stay the station's own.
 */
export class Forecaster {
  readonly #parts: ForecastParts;
  #cache: { at: number; key: string; value: StationForecast } | undefined;

  constructor(parts: ForecastParts) {
    this.#parts = parts;
  }

  /** What operators want to know of a station: when it is ready, and how the day will end. */
  forecast(nowMs: number, printedToday: number, queueShare: number): StationForecast {
    const facts = this.#parts.facts();
    const key = `${printedToday}:${queueShare}:${facts.state}`;
    const hit = this.#cache;
    if (hit && hit.key === key && nowMs - hit.at < REPLAN_MS) return hit.value;
    const value = {
      readyInSeconds: this.#readyInSeconds(facts, nowMs),
      projectedToday:
        printedToday +
        (queueShare > 0 ? this.#plannedUntilClose(facts, nowMs, Math.min(queueShare, MAX_PLANNED_CARDS)) : 0),
    };
    this.#cache = { at: nowMs, key, value };
    return value;
  }

  /** When each of `count` walk-ins (in order) would come out of this station. */
  walkInEtas(nowMs: number, count: number): number[] {
    const facts = this.#parts.facts();
    if (count === 0 || facts.blocked) return [];
    return this.#plan(facts, nowMs, Array<Priority>(count).fill('walk-in'), nowMs + 24 * 3_600_000);
  }

  #plannedUntilClose(facts: ForecastFacts, nowMs: number, cards: number): number {
    const { hours } = this.#parts;
    if (!hours.isOpen(nowMs) || facts.blocked) return 0;
    return this.#plan(facts, nowMs, Array<Priority>(cards).fill('backlog'), hours.nextClose(nowMs)).length;
  }

  #plan(facts: ForecastFacts, nowMs: number, cards: Priority[], untilMs: number): number[] {
    const { model, pacer } = this.#parts;
    const readyIn = this.#readyInSeconds(facts, nowMs);
    if (readyIn === null) return [];
    return planCards({
      pacer,
      profile: model.profile,
      ambient: model.ambient,
      state: model.state(),
      nowMs,
      freeAtMs: Math.max(facts.cardEndsAt, nowMs + readyIn * 1000),
      cards,
      untilMs,
    });
  }

  #readyInSeconds(facts: ForecastFacts, nowMs: number): number | null {
    const { model } = this.#parts;
    const { profile, ambient } = model;
    const state = model.state();
    const warmSeconds = (rollerC: number) =>
      Math.max(0, (profile.roller.readyMinC - rollerC) / profile.roller.heatRatePerSecond);
    switch (facts.state) {
      case 'ready':
        return 0;
      case 'printing':
        return Math.max(0, (facts.cardEndsAt - nowMs) / 1000);
      case 'warming':
      case 'standby':
        return warmSeconds(state.rollerC);
      case 'overheated': {
        const off = { heaterOn: false, cardInPrinter: false } as const;
        const coolMs =
          timeUntil(
            state,
            off,
            nowMs,
            profile,
            ambient,
            (s) => s.internalC <= profile.thermal.resumeBelowC,
            6 * 3_600_000,
          ) ?? 6 * 3_600_000;
        const cooled = advanceThermal(state, off, nowMs, nowMs + coolMs, profile, ambient);
        return coolMs / 1000 + warmSeconds(cooled.rollerC);
      }
      default:
        return null;
    }
  }
}
