import { cycleSeconds, type ProfileConfig } from '../config/profile-schema.js';
import type { Priority } from '../store/job-store.js';
import type { Ambient } from '../thermal/ambient.js';
import { advanceThermal, type ThermalState } from '../thermal/thermal-model.js';
import type { Pacer } from './pacing.js';

export interface PlanInput {
  readonly pacer: Pacer;
  readonly profile: ProfileConfig;
  readonly ambient: Ambient;
  /** The printer's estimated state now. */
  readonly state: ThermalState;
  readonly nowMs: number;
  /** When the card now in the printer (if any) comes out. */
  readonly freeAtMs: number;
  /** The cards to plan, in the order they would print. */
  readonly cards: readonly Priority[];
  /** Plan no card that would end after this. */
  readonly untilMs: number;
}

/**
 * When each card would come out if the pacer's rules held from now on: the same decisions the
 * station will take, run ahead on the thermal model. Used for walk-in ETAs and the end-of-day
 * projection; re-planned as readings come in, never promised.
 */
export function planCards(input: PlanInput): number[] {
  const { pacer, profile, ambient } = input;
  const cycleMs = cycleSeconds(profile) * 1000;
  const idle = { heaterOn: true, cardInPrinter: false } as const;
  const busy = { heaterOn: true, cardInPrinter: true } as const;
  let t = input.nowMs;
  let state = input.state;
  if (input.freeAtMs > t) {
    state = advanceThermal(state, busy, t, input.freeAtMs, profile, ambient);
    t = input.freeAtMs;
  }
  const finishes: number[] = [];
  for (const priority of input.cards) {
    const delay = pacer.delayFrom(state, t, priority);
    if (t + delay + cycleMs > input.untilMs) break;
    if (delay > 0) state = advanceThermal(state, idle, t, t + delay, profile, ambient);
    t += delay;
    state = advanceThermal(state, busy, t, t + cycleMs, profile, ambient);
    t += cycleMs;
    finishes.push(t);
  }
  return finishes;
}
