import type { ProfileConfig } from '../config/profile-schema.js';
import type { Ambient } from './ambient.js';

/**
 * The thermal model of a retransfer card printer, as pure functions: the emulator runs on it and
 * the daemon's scheduler predicts with it.
 *
 * - The printer's inside cools towards the room (Newton, `timeConstantMinutes`); with the roller
 *   heater on it settles `heaterOffsetC` above the room, and a card being worked adds
 *   `heatPerCardC` spread evenly over `printSeconds + encodeSeconds`.
 * - The roller heats at `heatRatePerSecond` up to `setPointC` and holds it while the heater is on;
 *   with the heater off it cools towards the inside (`coolTimeConstantMinutes`).
 *
 * Time is split into sub-steps of at most 30 s; over each the room temperature is taken as linear
 * and the equations are solved exactly, so a whole day costs a few thousand cheap steps and long
 * spans are as accurate as short ones.
 */

export interface ThermalState {
  readonly internalC: number;
  readonly rollerC: number;
}

export interface ThermalInputs {
  readonly heaterOn: boolean;
  /**
   * A card is being worked (printed or encoded): heat flows in at `heatPerCardC / cycle`. The
   * emulator sets it only while a print or encode step runs, so a card adds exactly
   * `heatPerCardC` however slowly the host sends the steps.
   */
  readonly cardInPrinter: boolean;
}

/** The parts of a profile the model reads. */
export type ThermalProfile = Pick<ProfileConfig, 'thermal' | 'roller' | 'printSeconds' | 'encodeSeconds'>;

/** The longest span solved in one piece. */
export const MAX_STEP_MS = 30_000;
/** `timeUntil` narrows a crossing down to this. */
export const CROSSING_RESOLUTION_MS = 100;

/** Where the inside settles for a constant room temperature and constant inputs. */
export function steadyInternalC(ambientC: number, inputs: ThermalInputs, profile: ThermalProfile): number {
  const tau = profile.thermal.timeConstantMinutes * 60;
  return ambientC + heaterOffset(inputs, profile) + cardHeatPerSecond(inputs, profile) * tau;
}

/** The state at `toMs`, from `state` at `fromMs`, with `inputs` held constant in between. */
export function advanceThermal(
  state: ThermalState,
  inputs: ThermalInputs,
  fromMs: number,
  toMs: number,
  profile: ThermalProfile,
  ambient: Ambient,
): ThermalState {
  let current = state;
  for (let t = fromMs; t < toMs; ) {
    const next = Math.min(toMs, t + MAX_STEP_MS);
    current = solveStep(current, inputs, t, next, profile, ambient);
    t = next;
  }
  return current;
}

/**
 * Milliseconds from `fromMs` until `predicate` first holds, with inputs held constant; `undefined`
 * if it does not within `horizonMs`. Steps forward in sub-steps, then bisects the sub-step where
 * it starts to hold down to 100 ms; the answer is the end of that last interval, so the predicate
 * holds at `fromMs + result`. A predicate that holds only briefly inside one sub-step is missed.
 */
export function timeUntil(
  state: ThermalState,
  inputs: ThermalInputs,
  fromMs: number,
  profile: ThermalProfile,
  ambient: Ambient,
  predicate: (state: ThermalState, atMs: number) => boolean,
  horizonMs: number,
): number | undefined {
  if (predicate(state, fromMs)) return 0;
  const end = fromMs + horizonMs;
  let current = state;
  for (let t = fromMs; t < end; ) {
    const next = Math.min(end, t + MAX_STEP_MS);
    const after = solveStep(current, inputs, t, next, profile, ambient);
    if (predicate(after, next)) {
      let lo = t;
      let hi = next;
      let atLo = current;
      while (hi - lo > CROSSING_RESOLUTION_MS) {
        const mid = Math.floor((lo + hi) / 2);
        const atMid = solveStep(atLo, inputs, lo, mid, profile, ambient);
        if (predicate(atMid, mid)) hi = mid;
        else {
          lo = mid;
          atLo = atMid;
        }
      }
      return hi - fromMs;
    }
    current = after;
    t = next;
  }
  return undefined;
}

/**
 * Milliseconds until a heating roller reaches `targetC` (exact: it rises linearly), 0 if it is
 * there, `undefined` if the heater is off or the set point is below the target.
 */
export function rollerHeatingMs(
  rollerC: number,
  targetC: number,
  heaterOn: boolean,
  profile: ThermalProfile,
): number | undefined {
  if (rollerC >= targetC) return 0;
  if (!heaterOn || profile.roller.setPointC < targetC) return undefined;
  // The epsilon keeps 130 / 0.8 from becoming 162 500.000…1 and so one millisecond late.
  return Math.ceil(((targetC - rollerC) / profile.roller.heatRatePerSecond) * 1000 - 1e-6);
}

function heaterOffset(inputs: ThermalInputs, profile: ThermalProfile): number {
  return inputs.heaterOn ? profile.thermal.heaterOffsetC : 0;
}

function cardHeatPerSecond(inputs: ThermalInputs, profile: ThermalProfile): number {
  if (!inputs.cardInPrinter) return 0;
  const cycle = profile.printSeconds + profile.encodeSeconds;
  return cycle > 0 ? profile.thermal.heatPerCardC / cycle : 0;
}

/**
 * One exact step with the room linear from `ambient(t0)` to `ambient(t1)`.
 *
 * Inside: dT/dt = (E(t) − T)/τ with E(t) = e0 + s·t linear, so T(t) = α + s·t + β·e^(−t/τ) where
 * α = e0 − s·τ and β = T0 − α. Roller, heater off: dR/dt = (T(t) − R)/τr, solved term by term.
 */
function solveStep(
  state: ThermalState,
  inputs: ThermalInputs,
  t0: number,
  t1: number,
  profile: ThermalProfile,
  ambient: Ambient,
): ThermalState {
  const dt = (t1 - t0) / 1000;
  if (dt <= 0) return state;
  const tau = profile.thermal.timeConstantMinutes * 60;
  const a0 = ambient(t0);
  const slope = (ambient(t1) - a0) / dt;
  const e0 = a0 + heaterOffset(inputs, profile) + cardHeatPerSecond(inputs, profile) * tau;
  const alpha = e0 - slope * tau;
  const beta = state.internalC - alpha;
  const internalC = alpha + slope * dt + beta * Math.exp(-dt / tau);

  const { setPointC, heatRatePerSecond, coolTimeConstantMinutes } = profile.roller;
  // The hot path of every simulation: no closure here (one per step cost a sixth of a fleet day).
  let rollerC: number;
  if (inputs.heaterOn && state.rollerC <= setPointC) {
    rollerC = Math.min(setPointC, state.rollerC + heatRatePerSecond * dt);
  } else {
    rollerC = rollerCooled(state.rollerC, dt, alpha, slope, beta, tau, coolTimeConstantMinutes * 60);
    // Above its set point (a profile changed under it) the thermostat idles until it is back there.
    if (inputs.heaterOn) rollerC = Math.max(setPointC, rollerC);
  }
  return { internalC, rollerC };
}

function rollerCooled(
  r0: number,
  dt: number,
  alpha: number,
  slope: number,
  beta: number,
  tau: number,
  tauR: number,
): number {
  const linear = alpha - slope * tauR;
  // Response to the inside's own decaying term β·e^(−t/τ); resonant when τ = τr.
  if (Math.abs(tau - tauR) < 1e-9) {
    const start = r0 - linear;
    return linear + slope * dt + (start + (beta * dt) / tau) * Math.exp(-dt / tau);
  }
  const c = (beta * tau) / (tau - tauR);
  return linear + slope * dt + c * Math.exp(-dt / tau) + (r0 - linear - c) * Math.exp(-dt / tauR);
}
