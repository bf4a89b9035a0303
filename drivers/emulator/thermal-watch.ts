import type { ProfileConfig } from '../../src/config/profile-schema.js';
import { EPSILON_C, type Physics } from './physics.js';
import type { NamedTimers } from './timers.js';

/** Predictions look this far ahead; beyond it a cheap re-check is set instead. */
export const HORIZON_MS = 3_600_000;

export interface ThermalSituation {
  readonly overheated: boolean;
  readonly powered: boolean;
  /** When the running step ends (inputs hold until then), if one runs. */
  readonly stepDueAtMs: number | undefined;
}

export interface ThermalEvents {
  readonly becameReady: () => void;
  readonly cutOff: () => void;
  readonly cooled: () => void;
  readonly recheck: () => void;
}

/**
 * Sets one timer for the next thermal event with the present inputs — the roller reaching its
 * band, the inside reaching the cut-off, or cooling to the resume temperature — instead of
 * ticking. Called again whenever an input changes, which cancels the old predictions.
 */
export function watchThermal(
  physics: Physics,
  timers: NamedTimers,
  profile: ProfileConfig,
  nowMs: number,
  situation: ThermalSituation,
  on: ThermalEvents,
): void {
  const { cutoffC, resumeBelowC } = profile.thermal;
  timers.clear('ready', 'cutoff', 'cooled', 'recheck');
  if (situation.overheated) {
    const ms = physics.msUntil(nowMs, (s) => s.internalC <= resumeBelowC + EPSILON_C, HORIZON_MS);
    if (ms === undefined) timers.set('recheck', HORIZON_MS, on.recheck);
    else timers.set('cooled', ms, on.cooled);
    return;
  }
  if (!situation.powered) return;
  const readyIn = physics.msUntilRollerReady(nowMs);
  if (readyIn !== undefined && readyIn > 0) timers.set('ready', readyIn, on.becameReady);
  // A room that can never push the inside to the cut-off needs no watching (the common case).
  if (!physics.couldReach(nowMs, cutoffC)) return;
  const stepDue = situation.stepDueAtMs;
  const horizon = stepDue === undefined ? HORIZON_MS : Math.max(0, stepDue - nowMs);
  const ms = physics.msUntil(nowMs, (s) => s.internalC >= cutoffC - EPSILON_C, horizon);
  if (ms !== undefined) timers.set('cutoff', ms, on.cutOff);
  // While a step runs its end re-plans; idle, look again after the horizon.
  else if (stepDue === undefined) timers.set('recheck', HORIZON_MS, on.recheck);
}
