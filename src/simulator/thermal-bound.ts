import type { Ambient } from '../thermal/ambient.js';
import {
  advanceThermal,
  rollerHeatingMs,
  type ThermalProfile,
  type ThermalState,
  timeUntil,
} from '../thermal/thermal-model.js';

export interface BoundDay {
  readonly profile: ThermalProfile;
  /** The room's real temperature. */
  readonly ambient: Ambient;
  /** When the printer stands cold at room temperature (07:00). */
  readonly coldAtMs: number;
  /** Service hours: cards may start from `openMs` until before `closeMs`. */
  readonly openMs: number;
  readonly closeMs: number;
}

export interface ThermalBound {
  /** The most cards that can be printed without a shut-off. */
  readonly cards: number;
  /** When each of those cards starts (epoch ms): the pace a perfect policy would keep. */
  readonly startsMs: readonly number[];
  /** When the heater comes on (just in time for opening); undefined if the roller never gets ready. */
  readonly heaterOnMs?: number;
}

const HEATER_ONLY = { heaterOn: true, cardInPrinter: false } as const;
const WORKING = { heaterOn: true, cardInPrinter: true } as const;
const COLD = { heaterOn: false, cardInPrinter: false } as const;

/**
 * The thermal bound: the most cards perfect foresight could print in one day's service hours
 * without the printer shutting itself off, from the pure thermal model and the room's real
 * temperature.
 *
 * The heater comes on just in time for the roller to be ready at opening (earlier would only warm
 * the inside) and stays on. From opening, a card starts as soon as it fits — the inside predicted
 * to stay below the cut-off through the whole card — else after the least wait until it does;
 * back to back that is one card per print + encode cycle. Starting as early as possible is optimal:
 * Newton cooling is fastest when the inside is hottest, so any delay only loses cooling
 * (docs/simulator.md).
 */
export function thermalBound(day: BoundDay): ThermalBound {
  const { profile, ambient, openMs, closeMs } = day;
  const cycleMs = (profile.printSeconds + profile.encodeSeconds) * 1000;
  const cutoffC = profile.thermal.cutoffC;
  const fits = (state: ThermalState, atMs: number) =>
    timeUntil(state, WORKING, atMs, profile, ambient, (s) => s.internalC >= cutoffC, cycleMs) === undefined;

  const coldC = ambient(day.coldAtMs);
  let state: ThermalState = { internalC: coldC, rollerC: coldC };
  const warmUpMs = (rollerC: number) =>
    rollerHeatingMs(rollerC, profile.roller.readyMinC, true, profile) ?? Number.POSITIVE_INFINITY;
  // The roller barely moves while the heater is off, so one correction finds the switch-on time.
  let heaterOnMs = Math.max(day.coldAtMs, openMs - warmUpMs(state.rollerC));
  heaterOnMs = Math.max(
    day.coldAtMs,
    openMs - warmUpMs(advanceThermal(state, COLD, day.coldAtMs, heaterOnMs, profile, ambient).rollerC),
  );
  state = advanceThermal(state, COLD, day.coldAtMs, heaterOnMs, profile, ambient);
  const readyMs = heaterOnMs + warmUpMs(state.rollerC);
  if (!Number.isFinite(readyMs)) return { cards: 0, startsMs: [] };
  let t = Math.max(openMs, readyMs);
  state = advanceThermal(state, HEATER_ONLY, heaterOnMs, t, profile, ambient);

  const startsMs: number[] = [];
  while (t < closeMs) {
    if (!fits(state, t)) {
      const waitMs = timeUntil(state, HEATER_ONLY, t, profile, ambient, fits, closeMs - t);
      if (waitMs === undefined || t + waitMs >= closeMs) break;
      state = advanceThermal(state, HEATER_ONLY, t, t + waitMs, profile, ambient);
      t += waitMs;
    }
    startsMs.push(t);
    state = advanceThermal(state, WORKING, t, t + cycleMs, profile, ambient);
    t += cycleMs;
  }
  return { cards: startsMs.length, startsMs, heaterOnMs };
}
