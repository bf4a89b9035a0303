import type { Station } from '../station/station.js';
import type { Priority } from '../store/job-store.js';
import { advanceThermal, timeUntil } from '../thermal/thermal-model.js';
import { planCards } from './planner.js';

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

const cache = new WeakMap<Station, { at: number; key: string; value: StationForecast }>();

/** What operators want to know of a station: when it is ready, and how the day will end. */
export function forecastStation(
  station: Station,
  nowMs: number,
  printedToday: number,
  queueShare: number,
): StationForecast {
  const key = `${printedToday}:${queueShare}:${station.state}`;
  const hit = cache.get(station);
  if (hit && hit.key === key && nowMs - hit.at < REPLAN_MS) return hit.value;
  const value = {
    readyInSeconds: readyInSeconds(station, nowMs),
    projectedToday:
      printedToday +
      (queueShare > 0 ? plannedUntilClose(station, nowMs, Math.min(queueShare, MAX_PLANNED_CARDS)) : 0),
  };
  cache.set(station, { at: nowMs, key, value });
  return value;
}

/** When each of these walk-ins (in order) would come out of this station. */
export function walkInEtas(station: Station, nowMs: number, count: number): number[] {
  if (count === 0 || station.blockingProblems.length > 0) return [];
  return plan(station, nowMs, Array<Priority>(count).fill('walk-in'), nowMs + 24 * 3_600_000);
}

function plannedUntilClose(station: Station, nowMs: number, cards: number): number {
  if (!station.hours.isOpen(nowMs) || station.blockingProblems.length > 0) return 0;
  return plan(station, nowMs, Array<Priority>(cards).fill('backlog'), station.hours.nextClose(nowMs)).length;
}

function plan(station: Station, nowMs: number, cards: Priority[], untilMs: number): number[] {
  const { model } = station;
  const readyIn = readyInSeconds(station, nowMs);
  if (readyIn === null) return [];
  return planCards({
    pacer: station.pacer,
    profile: model.profile,
    ambient: model.ambient,
    state: model.state(),
    nowMs,
    freeAtMs: Math.max(station.cardEndsAt, nowMs + readyIn * 1000),
    cards,
    untilMs,
  });
}

function readyInSeconds(station: Station, nowMs: number): number | null {
  const { profile, ambient } = station.model;
  const state = station.model.state();
  const warmSeconds = (rollerC: number) =>
    Math.max(0, (profile.roller.readyMinC - rollerC) / profile.roller.heatRatePerSecond);
  switch (station.state) {
    case 'ready':
      return 0;
    case 'printing':
      return Math.max(0, (station.cardEndsAt - nowMs) / 1000);
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
